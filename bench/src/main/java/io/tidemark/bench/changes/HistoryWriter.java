package io.tidemark.bench.changes;

import io.tidemark.bench.backend.RecordLoader;
import io.tidemark.core.ChangeUnitInfo;
import io.tidemark.core.Tidemark;
import io.tidemark.core.chain.CanonicalEncoding;
import io.tidemark.spi.AppendResult;
import io.tidemark.spi.AuditRecord;
import io.tidemark.spi.AuditState;
import io.tidemark.spi.AuditStore;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Fills a chain with the history a run of a whole change set leaves behind, much faster than that
 * run: for each change a {@code STARTED} and an {@code APPLIED} record, then a {@code CHECKPOINT}
 * holding the change set's digest, exactly as the engine writes them and sealed into one hash chain.
 * The records are sealed in order first, so that a {@link RecordLoader} can then store them in any
 * order and in bulk; the checkpoint goes last, through the store's own append, when every other
 * record is in. A Tidemark over the same change set then finds nothing to do.
 */
public final class HistoryWriter {

    private static final String EXECUTION_METHOD = "apply";
    private static final String HOST = "bench-host";
    private static final String INSTANCE = "bench-history";

    private final AuditStore store;
    private final RecordLoader loader;
    private final Clock clock;

    /** Loads the records with {@code loader} and appends the checkpoint through {@code store}. */
    public HistoryWriter(AuditStore store, RecordLoader loader, Clock clock) {
        this.store = store;
        this.loader = loader;
        this.clock = clock;
    }

    /** The records each applied change leaves in a written history. */
    public enum Shape {
        /** {@code STARTED} then {@code APPLIED}, as a run of the engine writes them. */
        AS_A_RUN_WRITES_IT(List.of(AuditState.STARTED, AuditState.APPLIED)),
        /**
         * {@code APPLIED} only: half the records for the same number of applied changes, for tests
         * that need a long history quickly and look only at its length.
         */
        APPLIED_ONLY(List.of(AuditState.APPLIED));

        private final List<AuditState> states;

        Shape(List<AuditState> states) {
            this.states = states;
        }
    }

    /** One change as the history records it. */
    public record AppliedChange(String id, String order, String author, String className) {

        /** The change unit {@code info} describes. */
        public static AppliedChange of(ChangeUnitInfo info) {
            return new AppliedChange(info.id(), info.order(), info.author(), info.className());
        }
    }

    /**
     * What the checkpoint that closes a history names: the digest of a change set and how many changes
     * it has ({@link Tidemark#changeSetDigest()}).
     */
    public record Checkpointed(String digest, int changes) {

        /** The change set of {@code tidemark}. */
        public static Checkpointed of(Tidemark tidemark) {
            return new Checkpointed(
                    tidemark.changeSetDigest(), tidemark.changeUnits().size());
        }
    }

    /**
     * Appends to the empty {@code chain} the history of the change units of {@code tidemark} having
     * been applied by one run, closed by that run's checkpoint.
     *
     * @return the checkpoint, the chain's tip
     * @throws IllegalStateException when a sequence was taken (the chain was not empty)
     */
    public AuditRecord writeApplied(String chain, Tidemark tidemark) {
        return writeApplied(
                chain,
                tidemark.changeUnits().stream().map(AppliedChange::of).toList(),
                Checkpointed.of(tidemark),
                Shape.AS_A_RUN_WRITES_IT);
    }

    /**
     * Appends to the empty {@code chain} the history of {@code applied} having been applied, closed
     * by a checkpoint of {@code checkpointed}: the change set a Tidemark must have to find nothing to
     * do. The two may differ (for example a long history whose oldest change units were since
     * removed from the code), since a start with a current checkpoint looks at nothing else.
     *
     * @param shape the records of each applied change
     * @return the checkpoint, the chain's tip
     * @throws IllegalStateException when a sequence was taken (the chain was not empty)
     */
    public AuditRecord writeApplied(String chain, List<AppliedChange> applied, Checkpointed checkpointed, Shape shape) {
        store.initialize();
        String executionId = UUID.randomUUID().toString();
        List<AuditRecord> records = new ArrayList<>(shape.states.size() * applied.size());
        String previousHash = AuditRecord.GENESIS_HASH;
        long seq = 0;
        for (AppliedChange change : applied) {
            for (AuditState state : shape.states) {
                AuditRecord record = seal(
                        AuditRecord.builder()
                                .chain(chain)
                                .seq(++seq)
                                .executionId(executionId)
                                .changeId(change.id())
                                .author(change.author())
                                .order(change.order())
                                .state(state)
                                .timestamp(clock.instant())
                                .host(HOST)
                                .instanceId(INSTANCE)
                                .className(change.className())
                                .methodName(EXECUTION_METHOD),
                        previousHash);
                records.add(record);
                previousHash = record.hash();
            }
        }
        AuditRecord checkpoint = seal(
                AuditRecord.builder()
                        .chain(chain)
                        .seq(++seq)
                        .executionId(executionId)
                        .state(AuditState.CHECKPOINT)
                        .timestamp(clock.instant())
                        .host(HOST)
                        .instanceId(INSTANCE)
                        .metadata(Map.of(
                                AuditRecord.META_CHANGE_SET_DIGEST,
                                checkpointed.digest(),
                                AuditRecord.META_CHANGE_COUNT,
                                Integer.toString(checkpointed.changes()))),
                previousHash);
        loader.load(records);
        if (!(store.append(checkpoint) instanceof AppendResult.Appended)) {
            throw new IllegalStateException("Seq " + checkpoint.seq() + " of chain '" + chain
                    + "' was already taken: write the history into an empty chain");
        }
        return checkpoint;
    }

    private static AuditRecord seal(AuditRecord.Builder draft, String previousHash) {
        return CanonicalEncoding.seal(draft.previousHash(previousHash).hash("").build());
    }
}
