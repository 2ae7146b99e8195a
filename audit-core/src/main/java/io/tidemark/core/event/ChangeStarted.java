package io.tidemark.core.event;

import java.time.Instant;
import java.util.Objects;

/**
 * A change is about to be invoked: its {@code STARTED} record is written. Sent on the run's thread
 * right before the change's {@code @Execution} method is called.
 *
 * @param chain       the audit chain
 * @param executionId the run's identity
 * @param at          when the change started
 * @param changeId    the change
 * @param order       its order
 * @param position    its place among the changes this run set out to run, from 1
 * @param total       how many changes this run set out to run (those not applied yet, in order, up to
 *                    the end; a failure stops the run before the rest)
 * @param rerun       whether an earlier attempt of this change exists (a rolled-back, retried or
 *                    transactional change run again)
 */
public record ChangeStarted(
        String chain,
        String executionId,
        Instant at,
        String changeId,
        String order,
        int position,
        int total,
        boolean rerun)
        implements TidemarkEvent {

    /**
     * Checks that no component is null.
     *
     * @param chain the audit chain
     * @param executionId the run's identity
     * @param at when the change started
     * @param changeId the change
     * @param order its order
     * @param position its place among the changes this run set out to run, from 1
     * @param total how many changes this run set out to run (those not applied yet, in order, up to the end; a
     *        failure stops the run before the rest)
     * @param rerun whether an earlier attempt of this change exists (a rolled-back, retried or transactional
     *        change run again)
     */
    public ChangeStarted {
        Objects.requireNonNull(chain, "chain");
        Objects.requireNonNull(executionId, "executionId");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(changeId, "changeId");
        Objects.requireNonNull(order, "order");
    }
}
