package io.tidemark.core.engine;

import io.tidemark.core.model.AuditRecord;
import io.tidemark.core.model.AuditState;
import io.tidemark.core.model.RecordText;
import java.lang.reflect.Method;
import java.time.Clock;
import java.util.Map;

/** Pre-fills the records one run writes with what they share: run, host, instance and clock. */
final class RecordDrafts {

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

    AuditRecord.Builder forChange(ChangeDefinition change, AuditState state, Method method) {
        return AuditRecord.builder().executionId(executionId).changeId(change.id()).author(change.author())
                .order(change.order()).state(state).timestamp(clock.instant()).host(host).instanceId(instanceId)
                .className(change.type().getName()).methodName(method.getName());
    }

    AuditRecord.Builder checkpoint(ChangeSet changes) {
        return AuditRecord.builder().executionId(executionId).state(AuditState.CHECKPOINT).timestamp(clock.instant())
                .host(host).instanceId(instanceId).metadata(Map.of(
                        AuditRecord.META_CHANGE_SET_DIGEST, changes.digest(),
                        AuditRecord.META_CHANGE_COUNT, Integer.toString(changes.changes().size())));
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
