package io.tidemark.core.event;

import java.time.Instant;

/**
 * Something a run did, delivered to {@link TidemarkListener}s. The set is closed: every event is one
 * of the records below, and each carries the chain, the run's execution id (the one written in every
 * audit record the run appends, and in its {@link io.tidemark.core.RunReport}) and the instant it
 * happened, read from the Tidemark's clock.
 *
 * <p>The order within a run:
 * <ol>
 *   <li>{@link RunStarted};</li>
 *   <li>only when there is something to do: {@link LockWaiting} when another instance holds the lock
 *       (when the wait starts, then at most every 30 s while it lasts), then {@link LockAcquired};</li>
 *   <li>for each change in order: nothing for a change already applied; {@link IssueFound} for a change
 *       an earlier run left unfinished; for a change that runs, {@link ChangeStarted}, then
 *       {@link ChangeApplied}, or {@link ChangeFailed} followed, when the change has a rollback, by
 *       {@link ChangeRolledBack} or {@link ChangeRollbackFailed};</li>
 *   <li>{@link CheckpointWritten} when the run applied something and left every change done;</li>
 *   <li>exactly one of {@link RunFinished} (with the report) or {@link RunFailed} (with the exception
 *       {@code run()} throws).</li>
 * </ol>
 * A run that fails part-way (the store becomes unreachable, the lease is lost) goes straight to
 * {@link RunFailed}: a {@link ChangeStarted} is then not always followed by its outcome.
 */
public sealed interface TidemarkEvent
        permits RunStarted,
                LockWaiting,
                LockAcquired,
                ChangeStarted,
                ChangeApplied,
                ChangeFailed,
                ChangeRolledBack,
                ChangeRollbackFailed,
                IssueFound,
                CheckpointWritten,
                RunFinished,
                RunFailed {

    /**
     * The audit chain the run works on.
     *
     * @return the chain's name
     */
    String chain();

    /**
     * The run's identity: the same in every event of one run and in every audit record it appends.
     *
     * @return the execution id
     */
    String executionId();

    /**
     * When the event happened, read from the Tidemark's clock.
     *
     * @return the instant
     */
    Instant at();
}
