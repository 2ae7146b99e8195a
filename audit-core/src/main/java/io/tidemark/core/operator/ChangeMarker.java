package io.tidemark.core.operator;

import io.tidemark.api.Recovery;
import io.tidemark.core.engine.ChainState;
import io.tidemark.core.engine.ChainWriter;
import io.tidemark.core.engine.InterruptFlag;
import io.tidemark.core.error.UnknownChangeException;
import io.tidemark.core.lock.LeaseKeeper;
import io.tidemark.core.lock.LockAcquirer;
import io.tidemark.core.lock.LockPolicy;
import io.tidemark.core.lock.Sleeper;
import io.tidemark.core.model.AuditRecord;
import io.tidemark.core.model.AuditState;
import io.tidemark.core.model.RecordText;
import io.tidemark.core.port.AuditStore;
import io.tidemark.core.port.ExecutionHistory;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Appends an operator's {@code MARKED_*} record for one change, under the chain's lock. */
final class ChangeMarker {

    private static final Logger log = LoggerFactory.getLogger(ChangeMarker.class);

    private final AuditStore store;
    private final String chain;
    private final Map<String, Recovery> knownChanges;
    private final LockPolicy lockPolicy;
    private final Clock clock;
    private final Sleeper sleeper;
    private final String host;
    private final String instanceId;

    ChangeMarker(AuditStore store, String chain, Map<String, Recovery> knownChanges, LockPolicy lockPolicy, Clock clock,
            Sleeper sleeper, String host, String instanceId) {
        this.store = store;
        this.chain = chain;
        this.knownChanges = knownChanges;
        this.lockPolicy = lockPolicy;
        this.clock = clock;
        this.sleeper = sleeper;
        this.host = host;
        this.instanceId = instanceId;
    }

    AuditRecord mark(String changeId, String operator, String reason, AuditState state) {
        requireText(changeId, "change id");
        requireText(operator, "operator");
        requireText(reason, "reason");
        RecordText.requireIdentifier(changeId, "change id", RecordText.MAX_ID_LENGTH);
        String operatorName = RecordText.requireBoundedText(operator, "operator", RecordText.MAX_OPERATOR_LENGTH);
        String why = RecordText.requireBoundedText(reason, "reason", RecordText.MAX_REASON_LENGTH);
        String executionId = UUID.randomUUID().toString();
        store.initialize();
        ExecutionHistory history = store.history();
        InterruptFlag interrupts = new InterruptFlag();
        try (LeaseKeeper keeper = new LockAcquirer(store.lockService(), lockPolicy, clock, sleeper)
                .hold(chain, instanceId + "/operator-" + executionId)) {
            ChainState chainState = ChainState.read(history, chain);
            Optional<AuditRecord> latest = chainState.latestOf(changeId);
            if (latest.isEmpty() && (state == AuditState.MARKED_ROLLED_BACK || !knownChanges.containsKey(changeId))) {
                throw new UnknownChangeException("Chain '" + chain + "' has no record of change '" + changeId + "'"
                        + (state == AuditState.MARKED_APPLIED ? " and no registered change unit has that id" : "")
                        + ". Known in the history: " + knownIds(chainState) + ". Check the id (it is case-sensitive) "
                        + "and the chain (tidemark.chain).");
            }
            if (state == AuditState.MARKED_APPLIED && latest.isPresent() && latest.get().state().meansApplied()) {
                log.info("Change '{}' is already {} at seq {}; nothing appended", changeId, latest.get().state(),
                        latest.get().seq());
                return latest.get();
            }
            AuditRecord.Builder draft = AuditRecord.builder().executionId(executionId).changeId(changeId)
                    .state(state).timestamp(clock.instant()).host(host).instanceId(instanceId)
                    .metadata(Map.of(AuditRecord.META_OPERATOR, operatorName, AuditRecord.META_REASON, why));
            latest.ifPresent(l -> draft.author(l.author()).order(l.order()).className(l.className()));
            AuditRecord written = new ChainWriter(store, keeper, chainState, interrupts).append(draft);
            log.info("Marked change '{}' {} at seq {} (operator '{}')", changeId, state, written.seq(), operatorName);
            return written;
        } finally {
            interrupts.restore();
        }
    }

    private static String knownIds(ChainState state) {
        List<String> ids = state.latestByChange().keySet().stream().sorted().limit(20).toList();
        return ids.isEmpty() ? "none" : String.join(", ", ids)
                + (state.latestByChange().size() > ids.size() ? ", ..." : "");
    }

    private static void requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("The " + name + " must not be blank");
        }
    }
}
