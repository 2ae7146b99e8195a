package io.tidemark.core.internal.engine;

import io.tidemark.api.Recovery;
import io.tidemark.spi.AuditRecord;
import java.util.Optional;

/**
 * What the latest record of a change means for a run: the decision table of the engine.
 *
 * <table>
 *   <caption>latest state and action</caption>
 *   <tr><th>latest record</th><th>decision</th></tr>
 *   <tr><td>none, {@code ROLLED_BACK}, {@code MARKED_ROLLED_BACK}</td><td>{@link #RUN}</td></tr>
 *   <tr><td>{@code STARTED} or {@code FAILED} of a transactional change (nothing was committed)</td><td>{@link #RUN}</td></tr>
 *   <tr><td>{@code APPLIED}, {@code MARKED_APPLIED}</td><td>{@link #SKIP}</td></tr>
 *   <tr><td>{@code STARTED} (crashed mid-change), {@code FAILED} without rollback, {@code ROLLBACK_FAILED}</td>
 *       <td>{@link #ISSUE}, or {@link #RUN} when the change says {@code recovery = RETRY}</td></tr>
 * </table>
 *
 * <p>{@code STARTED} of a transactional change is treated like its {@code FAILED}: its writes and its
 * {@code APPLIED} record commit together, so a missing {@code APPLIED} means nothing was committed.
 */
public enum Decision {
    /** Run the change. */
    RUN,
    /** Already applied: skip it. */
    SKIP,
    /** Left unfinished: stop before it until an operator decides. */
    ISSUE;

    /** The decision for a change with {@code recovery} whose latest record is {@code latest}. */
    public static Decision of(Optional<AuditRecord> latest, Recovery recovery) {
        if (latest.isEmpty()) {
            return RUN;
        }
        AuditRecord record = latest.get();
        return switch (record.state()) {
            case APPLIED, MARKED_APPLIED -> SKIP;
            case ROLLED_BACK, MARKED_ROLLED_BACK -> RUN;
            case STARTED, FAILED -> record.isTransactional() || recovery == Recovery.RETRY ? RUN : ISSUE;
            case ROLLBACK_FAILED -> recovery == Recovery.RETRY ? RUN : ISSUE;
            case CHECKPOINT -> throw new IllegalArgumentException("a checkpoint is not the record of a change");
        };
    }
}
