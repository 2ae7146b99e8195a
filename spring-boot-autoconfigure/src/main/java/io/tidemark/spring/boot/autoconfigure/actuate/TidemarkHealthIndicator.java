package io.tidemark.spring.boot.autoconfigure.actuate;

import io.tidemark.core.PendingIssue;
import io.tidemark.core.Plan;
import io.tidemark.core.PlannedChange;
import io.tidemark.core.Tidemark;
import io.tidemark.core.error.ConfigurationException;
import io.tidemark.core.operator.OperatorApi;
import io.tidemark.spi.AuditState;
import io.tidemark.spi.Lease;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Tidemark's health ({@code tidemark} in {@code /actuator/health}): DOWN while an issue is pending (a
 * change left unfinished that stops every run until an operator decides) or while the store cannot be
 * read, or while the change units turn out invalid when they are loaded (known from
 * {@code tidemark-processor}'s index until then: a bean a parameter needs is missing, say); UP otherwise,
 * also while changes are merely pending (a deferred run, or another instance applying them).
 *
 * <p>A change whose latest record is {@code STARTED} is an issue only when the instance that wrote that
 * record no longer holds the chain's lock: while its lease is live the change is being applied right now
 * (a long change at startup, here or on another instance), which is listed as {@code running} and keeps
 * the health UP, rather than DOWN with advice to mark a running change applied.
 *
 * <p>Details: chain, tip sequence, pending and issue counts, the changes running, and each issue with
 * its resolving command. Each check loads the change units (once; later checks reuse them) and reads the
 * plan ({@link Tidemark#plan()}), usually one read of the tip; the lock is read only when a change is
 * {@code STARTED}. A problem loading the change units and a problem reading the store are told apart in
 * the {@code error} detail.
 */
public final class TidemarkHealthIndicator implements HealthIndicator {

    private final Tidemark tidemark;
    private final Clock clock;

    /**
     * A health indicator over {@code tidemark}, judging leases by the system clock.
     *
     * @param tidemark the application's Tidemark
     */
    public TidemarkHealthIndicator(Tidemark tidemark) {
        this(tidemark, Clock.systemUTC());
    }

    /**
     * A health indicator over {@code tidemark}, judging whether a lease is still live by {@code clock}
     * (the clock the Tidemark takes its leases with).
     *
     * @param tidemark the application's Tidemark
     * @param clock    the clock leases are compared with
     */
    public TidemarkHealthIndicator(Tidemark tidemark, Clock clock) {
        this.tidemark = Objects.requireNonNull(tidemark, "tidemark");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public Health health() {
        try {
            tidemark.changeUnits();
        } catch (ConfigurationException e) {
            // Change units known from the build-time index, loaded here and found invalid (a bean their
            // parameters need is missing, say): the store is fine, the application is not.
            return down("The change units are invalid: " + e.getMessage());
        }
        Plan plan;
        List<PlannedChange> running;
        try {
            plan = tidemark.plan();
            running = running(plan);
        } catch (RuntimeException e) {
            // Unreachable, refused credentials, a table missing with auto-create off: all are the store's.
            return down("The audit store could not be read: " + e.getMessage());
        }
        List<PlannedChange> issues =
                plan.issues().stream().filter(issue -> !running.contains(issue)).toList();
        Health.Builder health = issues.isEmpty() ? Health.up() : Health.down();
        health.withDetail("chain", plan.chain())
                .withDetail("tipSeq", plan.tipSeq())
                .withDetail("pending", plan.pending().size())
                .withDetail("issues", issues.size());
        if (!running.isEmpty()) {
            health.withDetail(
                    "running", running.stream().map(PlannedChange::changeId).toList());
        }
        if (!issues.isEmpty()) {
            health.withDetail(
                    "resolve", issues.stream().map(TidemarkEndpoint::issue).toList());
        }
        return health.build();
    }

    /**
     * The issues of {@code plan} that are being applied right now ({@link PendingIssue#isBeingAppliedUnder}):
     * the lock is read only when one of them is {@code STARTED}.
     */
    private List<PlannedChange> running(Plan plan) {
        List<PlannedChange> started = plan.issues().stream()
                .filter(issue -> issue.issue().orElseThrow().latest().state() == AuditState.STARTED)
                .toList();
        if (started.isEmpty()) {
            return List.of();
        }
        Optional<Lease> lock;
        try (OperatorApi operator = tidemark.operator()) {
            lock = operator.lockHolder();
        }
        Instant now = clock.instant();
        return started.stream()
                .filter(issue -> issue.issue().orElseThrow().isBeingAppliedUnder(lock, now))
                .toList();
    }

    private Health down(String error) {
        return Health.down()
                .withDetail("chain", tidemark.chain())
                .withDetail("error", error)
                .build();
    }
}
