package io.tidemark.spring.boot.autoconfigure.actuate;

import io.tidemark.core.Plan;
import io.tidemark.core.PlannedChange;
import io.tidemark.core.Tidemark;
import io.tidemark.core.operator.OperatorApi;
import io.tidemark.spi.Lease;
import java.util.Optional;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;

/**
 * {@code /actuator/tidemark}: the chain at a glance, read-only. It reads the plan
 * ({@link Tidemark#plan()}: one read of the tip when the chain ends with a checkpoint of this change set)
 * and the lock's holder; it takes no lock and writes nothing. Expose it like any endpoint
 * ({@code management.endpoints.web.exposure.include=health,tidemark}).
 */
@Endpoint(id = "tidemark")
public final class TidemarkEndpoint {

    private final Tidemark tidemark;

    /**
     * An endpoint over {@code tidemark}.
     *
     * @param tidemark the application's Tidemark
     */
    public TidemarkEndpoint(Tidemark tidemark) {
        this.tidemark = tidemark;
    }

    /**
     * The report.
     *
     * @return the chain, store, tip, applied count, pending changes, issues and lock holder
     * @throws io.tidemark.core.error.StoreUnavailableException when the store cannot be read
     */
    @ReadOperation
    public TidemarkReport report() {
        Plan plan = tidemark.plan();
        Optional<Lease> lock;
        try (OperatorApi operator = tidemark.operator()) {
            lock = operator.lockHolder();
        }
        return new TidemarkReport(
                plan.chain(),
                tidemark.store().describe(),
                plan.tipSeq(),
                plan.tipHash(),
                plan.upToDate(),
                plan.applied().size(),
                plan.pending().stream().map(TidemarkEndpoint::pending).toList(),
                plan.issues().stream().map(TidemarkEndpoint::issue).toList(),
                lock.map(lease -> new TidemarkReport.LockHolder(lease.owner(), lease.expiresAt()))
                        .orElse(null));
    }

    private static TidemarkReport.PendingChange pending(PlannedChange change) {
        return new TidemarkReport.PendingChange(
                change.changeId(), change.order(), change.action().name(), change.describe());
    }

    static TidemarkReport.Issue issue(PlannedChange change) {
        var issue = change.issue().orElseThrow();
        String id = issue.changeId();
        return new TidemarkReport.Issue(
                id,
                issue.latest().state().name(),
                issue.latest().seq(),
                issue.describe(),
                "tidemark mark-applied " + id + " --reason \"...\"",
                "tidemark mark-rolled-back " + id + " --reason \"...\"");
    }
}
