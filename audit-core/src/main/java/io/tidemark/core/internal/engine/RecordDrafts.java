package io.tidemark.core.internal.engine;

import io.tidemark.core.internal.loading.ChangeDefinition;
import io.tidemark.core.internal.loading.ChangeSet;
import io.tidemark.core.internal.text.RecordText;
import io.tidemark.spi.AuditRecord;
import io.tidemark.spi.AuditState;
import java.lang.reflect.Method;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/**
 * The one place records are drafted, for the engine and the operator alike: each draft is
 * pre-filled with what the records of one run (or one operator action) share: its execution id,
 * host, instance and clock. A {@link ChainWriter} places and seals it.
 */
public final class RecordDrafts {

    private final String executionId;
    private final String host;
    private final String instanceId;
    private final Clock clock;

    RecordDrafts(String executionId, String host, String instanceId, Clock clock) {
        this.executionId = executionId;
        this.host = host;
        this.instanceId = instanceId;
        this.clock = clock;
    }

    /** A record of {@code change} invoking {@code method}, in {@code state}, timestamped now. */
    public AuditRecord.Builder forChange(ChangeDefinition change, AuditState state, Method method) {
        return common().changeId(change.id())
                .author(change.author())
                .order(change.order())
                .state(state)
                .className(change.type().getName())
                .methodName(method.getName());
    }

    /**
     * An operator's {@code MARKED_*} record of {@code changeId}: it names the operator and the reason,
     * and repeats author, order and class of the change's latest record when there is one.
     */
    public AuditRecord.Builder forMark(
            String changeId, AuditState state, Optional<AuditRecord> latest, String operator, String reason) {
        AuditRecord.Builder draft = common().changeId(changeId)
                .state(state)
                .metadata(Map.of(AuditRecord.META_OPERATOR, operator, AuditRecord.META_REASON, reason));
        latest.ifPresent(l -> draft.author(l.author()).order(l.order()).className(l.className()));
        return draft;
    }

    /**
     * A baseline's {@code MARKED_APPLIED} record of {@code change}, which has no record yet: it names
     * the operator and the reason like a mark, carries {@link AuditRecord#META_BASELINE}, and author,
     * order and class from the change unit.
     */
    public AuditRecord.Builder forBaseline(ChangeDefinition change, String operator, String reason) {
        return common().changeId(change.id())
                .author(change.author())
                .order(change.order())
                .state(AuditState.MARKED_APPLIED)
                .className(change.type().getName())
                .metadata(Map.of(
                        AuditRecord.META_OPERATOR,
                        operator,
                        AuditRecord.META_REASON,
                        reason,
                        AuditRecord.META_BASELINE,
                        "true"));
    }

    /** The checkpoint that ends a run which left every change of {@code changes} done. */
    public AuditRecord.Builder checkpoint(ChangeSet changes) {
        return common().state(AuditState.CHECKPOINT)
                .metadata(Map.of(
                        AuditRecord.META_CHANGE_SET_DIGEST, changes.digest(),
                        AuditRecord.META_CHANGE_COUNT,
                                Integer.toString(changes.changes().size())));
    }

    private AuditRecord.Builder common() {
        return AuditRecord.builder()
                .executionId(executionId)
                .timestamp(clock.instant())
                .host(host)
                .instanceId(instanceId);
    }

    /**
     * Fills the error fields from {@code error}: its type and message made well-formed and cut to
     * their bounds (see {@link RecordText}).
     */
    static AuditRecord.Builder withError(AuditRecord.Builder draft, Throwable error) {
        return draft.errorType(RecordText.bounded(error.getClass().getName(), RecordText.MAX_ERROR_TYPE_LENGTH))
                .errorMessage(bounded(error.getMessage()));
    }

    /** An error message as records hold it: well-formed, at most {@link RecordText#MAX_ERROR_MESSAGE_LENGTH}. */
    static String bounded(String message) {
        return message == null ? "" : RecordText.bounded(message, RecordText.MAX_ERROR_MESSAGE_LENGTH);
    }
}
