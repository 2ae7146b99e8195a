package io.tidemark.spring.boot.autoconfigure.actuate;

import io.tidemark.core.Plan;
import io.tidemark.core.PlannedChange;
import io.tidemark.core.Tidemark;
import io.tidemark.core.operator.OperatorApi;
import io.tidemark.spi.Lease;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;

/**
 * {@code /actuator/tidemark}: the chain at a glance, read-only. It reads the plan
 * ({@link Tidemark#plan()}: one read of the tip when the chain ends with a checkpoint of this change set)
 * and the lock's holder; it takes no lock and writes nothing. A change {@code STARTED} by the instance that
 * holds a live lease on the chain is listed as {@code running}, not among the issues: it is being applied
 * right now, and needs no operator (as the {@code tidemark} health indicator counts it). Expose it like
 * any endpoint ({@code management.endpoints.web.exposure.include=health,tidemark}).
 */
@Endpoint(id = "tidemark")
public final class TidemarkEndpoint {

    private final Tidemark tidemark;
    private final Clock clock;

    /**
     * An endpoint over {@code tidemark}, judging leases by the system clock.
     *
     * @param tidemark the application's Tidemark
     */
    public TidemarkEndpoint(Tidemark tidemark) {
        this(tidemark, Clock.systemUTC());
    }

    /**
     * An endpoint over {@code tidemark}, judging whether a lease is still live by {@code clock}.
     *
     * @param tidemark the application's Tidemark
     * @param clock    the clock leases are compared with
     */
    public TidemarkEndpoint(Tidemark tidemark, Clock clock) {
        this.tidemark = Objects.requireNonNull(tidemark, "tidemark");
        this.clock = Objects.requireNonNull(clock, "clock");
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
        Instant now = clock.instant();
        Map<Boolean, List<PlannedChange>> byRunning = plan.issues().stream()
                .collect(Collectors.partitioningBy(
                        change -> change.issue().orElseThrow().isBeingAppliedUnder(lock, now)));
        return new TidemarkReport(
                plan.chain(),
                tidemark.store().describe(),
                plan.tipSeq(),
                plan.tipHash(),
                plan.upToDate(),
                plan.applied().size(),
                plan.pending().stream().map(TidemarkEndpoint::pending).toList(),
                byRunning.get(false).stream().map(TidemarkEndpoint::issue).toList(),
                byRunning.get(true).stream().map(TidemarkEndpoint::running).toList(),
                lock.map(lease -> new TidemarkReport.LockHolder(lease.owner(), lease.expiresAt()))
                        .orElse(null));
    }

    private static TidemarkReport.PendingChange pending(PlannedChange change) {
        return new TidemarkReport.PendingChange(
                change.changeId(), change.order(), change.action().name(), change.describe());
    }

    private static TidemarkReport.Running running(PlannedChange change) {
        var started = change.issue().orElseThrow().latest();
        return new TidemarkReport.Running(change.changeId(), started.seq(), started.instanceId(), started.timestamp());
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
