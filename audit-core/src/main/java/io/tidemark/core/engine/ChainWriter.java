package io.tidemark.core.engine;

import io.tidemark.core.chain.HashChain;
import io.tidemark.core.error.LockLostException;
import io.tidemark.core.lock.LeaseKeeper;
import io.tidemark.core.model.AppendResult;
import io.tidemark.core.model.AuditRecord;
import io.tidemark.core.model.RecordText;
import io.tidemark.core.port.AuditStore;
import io.tidemark.core.port.ExecutionHistory;
import java.util.stream.Stream;

/**
 * Appends to one chain on behalf of a lock holder: sets sequence and previous hash, seals the
 * record, and writes only while the lease is valid. A sequence conflict means another writer got in
 * despite the lock (its lease was taken over), so the run stops with {@link LockLostException}.
 */
public final class ChainWriter {

    private final AuditStore store;
    private final LeaseKeeper keeper;
    private final ChainState state;
    private final InterruptFlag interrupts;

    public ChainWriter(AuditStore store, LeaseKeeper keeper, ChainState state) {
        this(store, keeper, state, new InterruptFlag());
    }

    /**
     * A writer that clears the thread's interrupt flag before each write, noting it in
     * {@code interrupts}, so that an interrupt never makes a write fail half-way; the caller sets the
     * flag again when it is done ({@link InterruptFlag#restore()}).
     */
    public ChainWriter(AuditStore store, LeaseKeeper keeper, ChainState state, InterruptFlag interrupts) {
        this.store = store;
        this.keeper = keeper;
        this.state = state;
        this.interrupts = interrupts;
    }

    /** Appends {@code draft} after the tip and returns the stored record. */
    public AuditRecord append(AuditRecord.Builder draft) {
        interrupts.absorb();
        AuditRecord record = sealNext(draft);
        AppendResult result = store.append(record);
        return accept(record, result);
    }

    /** Where this writer notes interrupts it cleared. */
    public InterruptFlag interrupts() {
        return interrupts;
    }

    /**
     * The record {@code draft} becomes when appended after the tip (its text made well-formed and
     * bounded by {@link RecordText#sanitized}), checked against the lease; for
     * writes the store performs itself, such as inside a transaction. Call {@link #accept} with the
     * store's result.
     *
     * @throws LockLostException when the lease is no longer valid
     */
    public AuditRecord sealNext(AuditRecord.Builder draft) {
        interrupts.absorb();
        keeper.ensureValid();
        return HashChain.seal(RecordText.sanitized(draft.chain(state.chain()).seq(state.tipSeq() + 1)
                .previousHash(state.tipHash()).hash("").build()));
    }

    /**
     * Moves the tip past {@code record} when {@code result} says it was stored. A conflict whose
     * stored record is {@code record} itself (same hash) is this writer's own append, acknowledged
     * late: a client retried a write whose first attempt had succeeded. Any other conflict means
     * another writer got in.
     */
    public AuditRecord accept(AuditRecord record, AppendResult result) {
        interrupts.absorb();
        if (result instanceof AppendResult.SequenceConflict conflict && !holds(store.history(), record)) {
            throw new LockLostException("Another writer appended seq " + conflict.seq() + " of chain '"
                    + conflict.chain() + "' while this run held lock '" + keeper.current().key() + "' (token "
                    + keeper.current().token() + "): its lease was taken over. Nothing was written by this append.");
        }
        state.apply(record);
        return record;
    }

    /**
     * Whether the record stored at {@code record}'s sequence is {@code record} (same hash): asked after
     * a sequence conflict, to tell a retried write of one's own from another writer's. One read.
     */
    public static boolean holds(ExecutionHistory history, AuditRecord record) {
        try (Stream<AuditRecord> stored = history.readFrom(record.chain(), record.seq())) {
            return stored.findFirst().filter(found -> found.seq() == record.seq())
                    .map(found -> found.hash().equals(record.hash())).orElse(false);
        }
    }

    /** The chain's state as this writer knows it. */
    public ChainState state() {
        return state;
    }
}
