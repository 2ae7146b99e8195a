package io.tidemark.core.event;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A change completed and its {@code APPLIED} record is written (for a transactional change: committed
 * together with its writes).
 *
 * @param chain       the audit chain
 * @param executionId the run's identity
 * @param at          when the record was written
 * @param changeId    the change
 * @param duration    how long the change took, as recorded in its {@code APPLIED} record
 * @param position    its place among the changes this run set out to run, from 1
 * @param total       how many changes this run set out to run
 */
public record ChangeApplied(
        String chain, String executionId, Instant at, String changeId, Duration duration, int position, int total)
        implements TidemarkEvent {

    /**
     * Checks that no component is null.
     *
     * @param chain the audit chain
     * @param executionId the run's identity
     * @param at when the record was written
     * @param changeId the change
     * @param duration how long the change took, as recorded in its {@code APPLIED} record
     * @param position its place among the changes this run set out to run, from 1
     * @param total how many changes this run set out to run
     */
    public ChangeApplied {
        Objects.requireNonNull(chain, "chain");
        Objects.requireNonNull(executionId, "executionId");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(changeId, "changeId");
        Objects.requireNonNull(duration, "duration");
    }
}
