package io.tidemark.core.internal.operator;

import io.tidemark.api.Recovery;
import io.tidemark.core.error.UnknownChangeException;
import io.tidemark.core.internal.engine.ChainSettings;
import io.tidemark.core.internal.engine.ChainState;
import io.tidemark.core.internal.engine.ChainWriter;
import io.tidemark.core.internal.engine.InterruptFlag;
import io.tidemark.core.internal.lock.LeaseKeeper;
import io.tidemark.core.internal.text.RecordText;
import io.tidemark.spi.AuditRecord;
import io.tidemark.spi.AuditState;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Appends an operator's {@code MARKED_*} record for one change, under the chain's lock, through the
 * one {@link ChainWriter} and from a draft of {@link io.tidemark.core.internal.engine.RecordDrafts},
 * as the engine writes its own records.
 */
final class ChangeMarker {

    private static final Logger log = LoggerFactory.getLogger(ChangeMarker.class);

    private final ChainSettings settings;
    private final Map<String, Recovery> knownChanges;

    ChangeMarker(ChainSettings settings, Map<String, Recovery> knownChanges) {
        this.settings = settings;
        this.knownChanges = knownChanges;
    }

    AuditRecord mark(String changeId, String operator, String reason, AuditState state) {
        requireText(changeId, "change id");
        requireText(operator, "operator");
        requireText(reason, "reason");
        RecordText.requireIdentifier(changeId, "change id", RecordText.MAX_ID_LENGTH);
        String operatorName = RecordText.requireBoundedText(operator, "operator", RecordText.MAX_OPERATOR_LENGTH);
        String why = RecordText.requireBoundedText(reason, "reason", RecordText.MAX_REASON_LENGTH);
        String executionId = UUID.randomUUID().toString();
        String chain = settings.chain();
        settings.store().initialize();
        InterruptFlag interrupts = new InterruptFlag();
        try (LeaseKeeper keeper = settings.holdLock("operator-" + executionId)) {
            ChainState chainState = ChainState.read(settings.store().history(), chain);
            Optional<AuditRecord> latest = chainState.latestOf(changeId);
            if (latest.isEmpty() && (state == AuditState.MARKED_ROLLED_BACK || !knownChanges.containsKey(changeId))) {
                throw new UnknownChangeException("Chain '" + chain + "' has no record of change '" + changeId + "'"
                        + (state == AuditState.MARKED_APPLIED ? " and no registered change unit has that id" : "")
                        + ". Known in the history: " + knownIds(chainState) + ". Check the id (it is case-sensitive) "
                        + "and the chain (tidemark.chain).");
            }
            if (state == AuditState.MARKED_APPLIED
                    && latest.isPresent()
                    && latest.get().state().meansApplied()) {
                log.info(
                        "Change '{}' is already {} at seq {}; nothing appended",
                        changeId,
                        latest.get().state(),
                        latest.get().seq());
                return latest.get();
            }
            AuditRecord written = new ChainWriter(settings.store(), keeper, chainState, interrupts)
                    .append(settings.drafts(executionId).forMark(changeId, state, latest, operatorName, why));
            log.info("Marked change '{}' {} at seq {} (operator '{}')", changeId, state, written.seq(), operatorName);
            return written;
        } finally {
            interrupts.restore();
        }
    }

    private static String knownIds(ChainState state) {
        List<String> ids =
                state.latestByChange().keySet().stream().sorted().limit(20).toList();
        return ids.isEmpty()
                ? "none"
                : String.join(", ", ids) + (state.latestByChange().size() > ids.size() ? ", ..." : "");
    }

    static void requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("The " + name + " must not be blank");
        }
    }
}
