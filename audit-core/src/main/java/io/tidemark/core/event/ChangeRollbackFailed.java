package io.tidemark.core.event;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * The rollback of a failed change threw too, and its {@code ROLLBACK_FAILED} record is written: the
 * change is now an issue that an operator must resolve. Follows {@link ChangeFailed}.
 *
 * @param chain       the audit chain
 * @param executionId the run's identity
 * @param at          when the record was written
 * @param changeId    the change
 * @param duration    how long the rollback ran before it failed
 * @param error       what the rollback threw
 */
public record ChangeRollbackFailed(
        String chain, String executionId, Instant at, String changeId, Duration duration, Throwable error)
        implements TidemarkEvent {

    /**
     * Checks that no component is null.
     *
     * @param chain the audit chain
     * @param executionId the run's identity
     * @param at when the record was written
     * @param changeId the change
     * @param duration how long the rollback ran before it failed
     * @param error what the rollback threw
     */
    public ChangeRollbackFailed {
        Objects.requireNonNull(chain, "chain");
        Objects.requireNonNull(executionId, "executionId");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(changeId, "changeId");
        Objects.requireNonNull(duration, "duration");
        Objects.requireNonNull(error, "error");
    }
}
