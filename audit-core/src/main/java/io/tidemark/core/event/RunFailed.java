package io.tidemark.core.event;

import java.time.Instant;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * The run ended with an exception, which {@code run()} throws next: a change failed, issues are
 * pending, the lock could not be taken or was lost, the store failed, the run was interrupted, or
 * something unexpected. The last event of such a run, the lock (if it was taken) already released.
 *
 * @param chain         the audit chain
 * @param executionId   the run's identity
 * @param at            when the run ended
 * @param exception     what {@code run()} throws; reports, where the exception carries one
 *                      ({@link io.tidemark.core.error.ChangeFailedException#report()},
 *                      {@link io.tidemark.core.error.IssuesPendingException#report()}), come with it
 * @param pendingIssues how many changes of the chain need an operator's decision now (issues found,
 *                      and changes this run left failed without rollback, with a failed rollback, or
 *                      {@code STARTED} when it lost the lock mid-change), counted on what the run knew
 *                      while it held the lock; empty when it never held it (lock timeout, store
 *                      unavailable before that)
 */
public record RunFailed(String chain, String executionId, Instant at, Throwable exception, OptionalInt pendingIssues)
        implements TidemarkEvent {

    /**
     * Checks that no component is null.
     *
     * @param chain the audit chain
     * @param executionId the run's identity
     * @param at when the run ended
     * @param exception what {@code run()} throws; reports, where the exception carries one
     *        ({@link io.tidemark.core.error.ChangeFailedException#report()},
     *        {@link io.tidemark.core.error.IssuesPendingException#report()}), come with it
     * @param pendingIssues how many changes of the chain need an operator's decision now (issues found, and
     *        changes this run left failed without rollback, with a failed rollback, or {@code STARTED} when it
     *        lost the lock mid-change), counted on what the run knew while it held the lock; empty when it never
     *        held it (lock timeout, store unavailable before that)
     */
    public RunFailed {
        Objects.requireNonNull(chain, "chain");
        Objects.requireNonNull(executionId, "executionId");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(exception, "exception");
        Objects.requireNonNull(pendingIssues, "pendingIssues");
    }
}
