package io.tidemark.core.event;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * The rollback of a failed change completed and its {@code ROLLED_BACK} record is written; the next
 * run runs the change again. Follows {@link ChangeFailed}.
 *
 * @param chain       the audit chain
 * @param executionId the run's identity
 * @param at          when the record was written
 * @param changeId    the change
 * @param duration    how long the rollback took
 */
public record ChangeRolledBack(String chain, String executionId, Instant at, String changeId, Duration duration)
        implements TidemarkEvent {

    /**
     * Checks that no component is null.
     *
     * @param chain the audit chain
     * @param executionId the run's identity
     * @param at when the record was written
     * @param changeId the change
     * @param duration how long the rollback took
     */
    public ChangeRolledBack {
        Objects.requireNonNull(chain, "chain");
        Objects.requireNonNull(executionId, "executionId");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(changeId, "changeId");
        Objects.requireNonNull(duration, "duration");
    }
}
