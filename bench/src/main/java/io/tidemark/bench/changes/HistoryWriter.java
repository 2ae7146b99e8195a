package io.tidemark.bench.changes;

import io.tidemark.core.chain.HashChain;
import io.tidemark.core.engine.ChangeDefinition;
import io.tidemark.core.engine.ChangeSet;
import io.tidemark.core.model.AppendResult;
import io.tidemark.core.model.AuditRecord;
import io.tidemark.core.model.AuditState;
import io.tidemark.core.port.AuditStore;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Fills a chain with the history a run of a whole change set leaves behind, much faster than that
 * run: for each change a {@code STARTED} and an {@code APPLIED} record, then a {@code CHECKPOINT}
 * holding the change set's digest, exactly as the engine writes them and sealed into one hash chain.
 * The records are sealed in order first, so that they can then be appended by several threads at
 * once (each append is still the store's own conditional write); the checkpoint goes last, when
 * every other record is in. A Tidemark over the same change set then finds nothing to do.
 */
public final class HistoryWriter {

    private static final String EXECUTION_METHOD = "apply";
    private static final String HOST = "bench-host";
    private static final String INSTANCE = "bench-history";

    private final AuditStore store;
    private final Clock clock;
    private final int threads;

    /** Appends through {@code store}, with {@code threads} appending at once. */
    public HistoryWriter(AuditStore store, Clock clock, int threads) {
        this.store = store;
        this.clock = clock;
        this.threads = threads;
    }

    /** One change as the history records it. */
    public record AppliedChange(String id, String order, String author, String className) {

        /** The change {@code definition} describes. */
        public static AppliedChange of(ChangeDefinition definition) {
            return new AppliedChange(definition.id(), definition.order(), definition.author(),
                    definition.type().getName());
        }
    }

    /**
     * Appends to the empty {@code chain} the history of {@code changes} having been applied by one
     * run, closed by that run's checkpoint.
     *
     * @return the checkpoint, the chain's tip
     * @throws IllegalStateException when a sequence was taken (the chain was not empty)
     */
    public AuditRecord writeApplied(String chain, ChangeSet changes) {
        return writeApplied(chain, changes.changes().stream().map(AppliedChange::of).toList(), changes);
    }

    /**
     * Appends to the empty {@code chain} the history of {@code applied} having been applied, closed
     * by a checkpoint of {@code checkpointed}: the change set a Tidemark must have to find nothing to
     * do. The two may differ (for example a long history whose oldest change units were since
     * removed from the code), since a start with a current checkpoint looks at nothing else.
     *
     * @return the checkpoint, the chain's tip
     * @throws IllegalStateException when a sequence was taken (the chain was not empty)
     */
    public AuditRecord writeApplied(String chain, List<AppliedChange> applied, ChangeSet checkpointed) {
        store.initialize();
        String executionId = UUID.randomUUID().toString();
        List<AuditRecord> records = new ArrayList<>(2 * applied.size());
        String previousHash = AuditRecord.GENESIS_HASH;
        long seq = 0;
        for (AppliedChange change : applied) {
            for (AuditState state : List.of(AuditState.STARTED, AuditState.APPLIED)) {
                AuditRecord record = seal(AuditRecord.builder().chain(chain).seq(++seq).executionId(executionId)
                        .changeId(change.id()).author(change.author()).order(change.order()).state(state)
                        .timestamp(clock.instant()).host(HOST).instanceId(INSTANCE)
                        .className(change.className()).methodName(EXECUTION_METHOD), previousHash);
                records.add(record);
                previousHash = record.hash();
            }
        }
        AuditRecord checkpoint = seal(AuditRecord.builder().chain(chain).seq(++seq).executionId(executionId)
                .state(AuditState.CHECKPOINT).timestamp(clock.instant()).host(HOST).instanceId(INSTANCE)
                .metadata(Map.of(AuditRecord.META_CHANGE_SET_DIGEST, checkpointed.digest(),
                        AuditRecord.META_CHANGE_COUNT, Integer.toString(checkpointed.changes().size()))),
                previousHash);
        appendAll(records);
        require(store.append(checkpoint), checkpoint);
        return checkpoint;
    }

    private static AuditRecord seal(AuditRecord.Builder draft, String previousHash) {
        return HashChain.seal(draft.previousHash(previousHash).hash("").build());
    }

    private void appendAll(List<AuditRecord> records) {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> appends = new ArrayList<>(records.size());
            for (AuditRecord record : records) {
                appends.add(pool.submit(() -> require(store.append(record), record)));
            }
            for (Future<?> append : appends) {
                append.get();
            }
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime
                    : new IllegalStateException("Appending the history failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while appending the history", e);
        } finally {
            pool.shutdownNow();
        }
    }

    private static void require(AppendResult result, AuditRecord record) {
        if (!(result instanceof AppendResult.Appended)) {
            throw new IllegalStateException("Seq " + record.seq() + " of chain '" + record.chain()
                    + "' was already taken: write the history into an empty chain");
        }
    }
}
