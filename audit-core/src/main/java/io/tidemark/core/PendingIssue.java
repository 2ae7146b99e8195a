package io.tidemark.core;

import io.tidemark.core.internal.lock.LockOwner;
import io.tidemark.spi.AuditRecord;
import io.tidemark.spi.AuditState;
import io.tidemark.spi.Lease;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A change left unfinished that the engine will not run without a decision.
 *
 * @param changeId the change
 * @param latest   its latest record (state {@code STARTED}, {@code FAILED} or {@code ROLLBACK_FAILED})
 */
public record PendingIssue(String changeId, AuditRecord latest) {

    /**
     * Checks that both fields are set.
     *
     * @param changeId the change
     * @param latest   its latest record (state {@code STARTED}, {@code FAILED} or {@code ROLLBACK_FAILED})
     */
    public PendingIssue {
        Objects.requireNonNull(changeId, "changeId");
        Objects.requireNonNull(latest, "latest");
    }

    /**
     * Whether this change is being applied right now rather than left unfinished: its latest record is
     * {@code STARTED} and the instance that wrote it holds {@code lockHolder}, a lease still live at
     * {@code now}. A run that meets such a change waits for the lock rather than stopping on it, so it
     * needs no decision while that lease lives; if the lease runs out with no outcome recorded (the
     * process stopped), it does. An instance id is unique to a process unless the application sets one
     * ({@code tidemark.instance-id}); set the same id on two live processes and one's crashed change can
     * pass for running while the other holds the lock.
     *
     * @param lockHolder the chain's lock holder, as {@link io.tidemark.core.operator.OperatorApi#lockHolder()}
     *     read it
     * @param now        the current time, to judge the lease by
     * @return whether the change is being applied under that lease
     */
    public boolean isBeingAppliedUnder(Optional<Lease> lockHolder, Instant now) {
        return latest.state() == AuditState.STARTED
                && lockHolder
                        .filter(lease -> lease.isActiveAt(now))
                        .filter(lease -> LockOwner.isTakenBy(lease.owner(), latest.instanceId()))
                        .isPresent();
    }

    /** {@return one line saying what happened and how to resolve it} */
    public String describe() {
        String what = switch (latest.state()) {
            case STARTED -> "was left STARTED (the process running it stopped before recording an outcome)";
            case FAILED -> "FAILED and was not rolled back";
            case ROLLBACK_FAILED -> "FAILED and its rollback failed too";
            default -> "is in state " + latest.state();
        };
        String error = latest.hasError() ? " [" + latest.errorType() + ": " + latest.errorMessage() + "]" : "";
        return String.format(
                "change '%s' %s at seq %d by %s on %s%s. Check what it changed, then mark it applied "
                        + "or rolled back (OperatorApi.markApplied/markRolledBack, or `tidemark mark-applied %s --reason ...`)",
                changeId, what, latest.seq(), latest.instanceId(), latest.timestamp(), error, changeId);
    }
}
