package io.tidemark.core.internal.engine;

import io.tidemark.core.error.LockLostException;
import io.tidemark.core.internal.chain.HashChain;
import io.tidemark.core.internal.lock.LeaseKeeper;
import io.tidemark.core.internal.text.RecordText;
import io.tidemark.spi.AppendResult;
import io.tidemark.spi.AuditRecord;
import io.tidemark.spi.AuditStore;
import java.util.stream.Stream;

/**
 * The one way records enter a chain: every append of the engine, of the operator's marks, of an
 * import and of a transactional commit goes through a writer, which
 *
 * <ul>
 *   <li>writes only while the lease it holds is valid ({@link LeaseKeeper#ensureValid()});</li>
 *   <li>places each record right after the tip it knows (sequence and previous hash), and seals it
 *       (text made well-formed and bounded by {@link RecordText#sanitized}, hash computed), or, for a
 *       record sealed elsewhere, checks that it follows the tip;</li>
 *   <li>reads a sequence conflict once: a conflict whose stored record is the record written (same
 *       hash) is this writer's own append acknowledged late (a client retried a write whose first
 *       attempt had succeeded) and counts as success; any other conflict means another writer got in
 *       despite the lock (its lease was taken over), and stops the caller with
 *       {@link LockLostException};</li>
 *   <li>clears the thread's interrupt flag before each write, noting it in its {@link InterruptFlag},
 *       so that an interrupt never makes a write fail half-way; the caller sets the flag again when it
 *       is done ({@link InterruptFlag#restore()}).</li>
 * </ul>
 *
 * <p>One writer per holder of the lock; used by one thread.
 */
public final class ChainWriter {

    private final AuditStore store;
    private final LeaseKeeper keeper;
    private final ChainState state;
    private final InterruptFlag interrupts;

    /** A writer appending to {@code state}'s chain in {@code store} under the lease {@code keeper} keeps. */
    public ChainWriter(AuditStore store, LeaseKeeper keeper, ChainState state, InterruptFlag interrupts) {
        this.store = store;
        this.keeper = keeper;
        this.state = state;
        this.interrupts = interrupts;
    }

    /** Appends {@code draft} after the tip and returns the stored record. */
    public AuditRecord append(AuditRecord.Builder draft) {
        AuditRecord record = sealNext(draft);
        return accept(record, store.append(record));
    }

    /**
     * Appends {@code record}, sealed elsewhere (an import keeps every hash), after the tip.
     *
     * @throws IllegalArgumentException when it does not follow the tip (sequence or previous hash):
     *     the caller verifies what it appends first, so this points to a bug
     */
    public AuditRecord appendSealed(AuditRecord record) {
        interrupts.absorb();
        if (!record.chain().equals(state.chain())
                || record.seq() != state.tipSeq() + 1
                || !record.previousHash().equals(state.tipHash())) {
            throw new IllegalArgumentException("Record seq " + record.seq() + " of chain '" + record.chain()
                    + "' does not follow the tip of chain '" + state.chain() + "' (seq " + state.tipSeq() + ")");
        }
        keeper.ensureValid();
        return accept(record, store.append(record));
    }

    /**
     * The record {@code draft} becomes when appended after the tip, sealed; for a write the store
     * performs itself, inside a transaction. Checks the lease first. Call {@link #accept} with the
     * store's result.
     *
     * @throws LockLostException when the lease is no longer valid
     */
    public AuditRecord sealNext(AuditRecord.Builder draft) {
        interrupts.absorb();
        keeper.ensureValid();
        return HashChain.seal(RecordText.sanitized(draft.chain(state.chain())
                .seq(state.tipSeq() + 1)
                .previousHash(state.tipHash())
                .hash("")
                .build()));
    }

    /**
     * Moves the tip past {@code record} when {@code result} says it was stored, or when the record
     * stored at its sequence is {@code record} itself (see the class description).
     *
     * @throws LockLostException when another writer's record holds the sequence
     */
    public AuditRecord accept(AuditRecord record, AppendResult result) {
        interrupts.absorb();
        if (result instanceof AppendResult.SequenceConflict conflict && !isStored(record)) {
            throw new LockLostException("Another writer appended seq " + conflict.seq() + " of chain '"
                    + conflict.chain() + "' while this writer held lock '"
                    + keeper.current().key() + "' (token "
                    + keeper.current().token() + "): its lease was taken over. Nothing was written by this append.");
        }
        state.apply(record);
        return record;
    }

    /**
     * Tells the store how far this writer is about to append (see
     * {@link AuditStore#prepareAppends}); at most the sequence {@code lastSeq}.
     */
    public void prepareAppends(long lastSeq) {
        interrupts.absorb();
        store.prepareAppends(state.chain(), lastSeq);
    }

    /** Whether the record stored at {@code record}'s sequence is {@code record} (same hash). One read. */
    private boolean isStored(AuditRecord record) {
        try (Stream<AuditRecord> stored = store.history().readFrom(record.chain(), record.seq())) {
            return stored.findFirst()
                    .filter(found -> found.seq() == record.seq())
                    .map(found -> found.hash().equals(record.hash()))
                    .orElse(false);
        }
    }

    /** Where this writer notes interrupts it cleared. */
    public InterruptFlag interrupts() {
        return interrupts;
    }

    /** The chain's state as this writer knows it. */
    public ChainState state() {
        return state;
    }
}
