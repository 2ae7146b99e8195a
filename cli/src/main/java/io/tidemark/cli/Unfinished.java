package io.tidemark.cli;

import io.tidemark.core.PendingIssue;
import io.tidemark.spi.AuditState;
import io.tidemark.spi.Lease;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The chain's unfinished changes, told apart: those being applied right now (started by the instance
 * that holds a live lease on the chain, {@link PendingIssue#isBeingAppliedUnder}), which need no
 * operator, and the issues, which do.
 *
 * @param issues  the changes that need a decision
 * @param running the changes being applied now
 * @param lock    the lock holder as read (read only when some change is {@code STARTED})
 */
record Unfinished(List<PendingIssue> issues, List<PendingIssue> running, Optional<Lease> lock) {

    Unfinished {
        issues = List.copyOf(issues);
        running = List.copyOf(running);
    }

    /** Splits {@code unfinished}, reading the lock through {@code lockHolder} only when a change is {@code STARTED}. */
    static Unfinished of(List<PendingIssue> unfinished, Supplier<Optional<Lease>> lockHolder, Instant now) {
        boolean anyStarted = unfinished.stream().anyMatch(i -> i.latest().state() == AuditState.STARTED);
        Optional<Lease> lock = anyStarted ? lockHolder.get() : Optional.empty();
        List<PendingIssue> running = unfinished.stream()
                .filter(i -> i.isBeingAppliedUnder(lock, now))
                .toList();
        List<PendingIssue> issues =
                unfinished.stream().filter(i -> !running.contains(i)).toList();
        return new Unfinished(issues, running, lock);
    }

    /** {@return one line on a change of {@link #running()}, and until when its instance holds the lock} */
    String describeRunning(PendingIssue change) {
        return change.changeId() + ": being applied now by " + change.latest().instanceId() + " (STARTED at seq "
                + change.latest().seq() + ", " + change.latest().timestamp() + "), which holds the chain's lock until "
                + lock.orElseThrow().expiresAt()
                + ". Not an issue while that lease lives: check again once the run ends; if the lease runs out with no "
                + "outcome recorded, it becomes one.";
    }
}
