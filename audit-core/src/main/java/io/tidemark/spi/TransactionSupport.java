package io.tidemark.spi;

import java.util.Optional;

/**
 * A store's way to commit a change unit's own writes and its {@code APPLIED} record in one backend
 * transaction: both are stored or neither is.
 *
 * <p>A change unit opts in by declaring a parameter of exactly {@link #handleType()} on its
 * {@code @Execution} method (a supertype, such as an interface the handle implements, is an
 * ordinary dependency: the change could not know it was handed a transaction); it sends its writes
 * through that handle and leaves committing and aborting to the engine. The engine then treats a
 * {@code STARTED} or {@code FAILED} latest record of that change as "nothing committed" and runs it
 * again.
 *
 * <p>The transaction is the engine's, begun, committed and aborted by it alone; an adapter never
 * calls back into the engine:
 * <ol>
 *   <li>{@link #begin()} opens a transaction;</li>
 *   <li>the engine invokes the change with {@link Transaction#handle()};</li>
 *   <li>the engine seals the {@code APPLIED} record (its sequence follows the change's
 *       {@code STARTED} record; it checks its lease first);</li>
 *   <li>{@link Transaction#commit(AuditRecord)} appends that record in the same transaction,
 *       conditional on its sequence, and commits;</li>
 *   <li>anything thrown before the commit (by the change, or while sealing) makes the engine call
 *       {@link Transaction#abort()}. The engine calls {@code abort()} after every transaction in any
 *       case; after a commit it does nothing.</li>
 * </ol>
 *
 * @param <H> the handle given to the change unit (a session, a transaction builder, ...)
 */
public interface TransactionSupport<H> {

    /** {@return the parameter type that marks a change unit as transactional} */
    Class<H> handleType();

    /**
     * Empty when the backend can run transactions now; otherwise why it cannot, in words that
     * tell the user what to change (for example "a standalone MongoDB server; transactions need a
     * replica set"). Asked once, when the engine is built, only if a change unit needs it.
     *
     * @return empty when transactions can run, otherwise why not
     */
    Optional<String> unavailableReason();

    /**
     * Opens a transaction for one execution of one change.
     *
     * @return an open transaction
     * @throws io.tidemark.core.error.ConfigurationException when the backend cannot run
     *     transactions ({@link #unavailableReason()} says why)
     * @throws io.tidemark.core.error.StoreUnavailableException when the backend could not be reached
     */
    Transaction<H> begin();

    /**
     * One open transaction. Used by one thread, the engine's, for one change.
     *
     * @param <H> the handle given to the change unit
     */
    interface Transaction<H> {

        /** {@return what the change unit writes through; valid until {@link #commit} or {@link #abort}} */
        H handle();

        /**
         * Appends {@code sealedApplied} in this transaction, only if no record holds its sequence in
         * its chain, and commits the transaction: the change's writes and the record are stored
         * together, or neither is. Ends the transaction whatever the outcome.
         *
         * @param sealedApplied the change's {@code APPLIED} record, sealed by the engine
         * @return {@link AppendResult.Appended} when both were committed;
         *     {@link AppendResult.SequenceConflict} when the sequence was taken, in which case nothing
         *     was committed
         * @throws io.tidemark.core.error.TransactionRejectedException when the backend refused the
         *     transaction (a condition of the change's own writes, a limit): nothing was committed;
         *     or, with {@code nothingCommitted()} false, when the change ended the transaction itself
         *     (committed or aborted it through the handle), in which case no record was appended and
         *     the change's writes may be stored
         * @throws io.tidemark.core.error.StoreUnavailableException when the backend failed; its
         *     message says whether the outcome of the commit is unknown
         */
        AppendResult commit(AuditRecord sealedApplied);

        /**
         * Ends the transaction without committing anything, and releases what it holds. Idempotent,
         * and a no-op once {@link #commit} was called (whatever its outcome), so that the engine may
         * call it in a {@code finally} block. Never throws for a backend failure: the backend
         * discards an abandoned transaction by itself.
         */
        void abort();
    }
}
