package io.tidemark.core.event;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A change threw and its {@code FAILED} record is written. The run stops after it (with
 * {@link io.tidemark.core.error.ChangeFailedException}); when the change has a rollback, it runs
 * first, and {@link ChangeRolledBack} or {@link ChangeRollbackFailed} follows.
 *
 * @param chain       the audit chain
 * @param executionId the run's identity
 * @param at          when the record was written
 * @param changeId    the change
 * @param duration    how long the change ran before it failed
 * @param error       what it threw
 * @param rollingBack whether the change has a rollback, which runs next
 */
public record ChangeFailed(
        String chain,
        String executionId,
        Instant at,
        String changeId,
        Duration duration,
        Throwable error,
        boolean rollingBack)
        implements TidemarkEvent {

    /**
     * Checks that no component is null.
     *
     * @param chain the audit chain
     * @param executionId the run's identity
     * @param at when the record was written
     * @param changeId the change
     * @param duration how long the change ran before it failed
     * @param error what it threw
     * @param rollingBack whether the change has a rollback, which runs next
     */
    public ChangeFailed {
        Objects.requireNonNull(chain, "chain");
        Objects.requireNonNull(executionId, "executionId");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(changeId, "changeId");
        Objects.requireNonNull(duration, "duration");
        Objects.requireNonNull(error, "error");
    }
}
