package io.tidemark.core.port;

import io.tidemark.core.model.AppendResult;
import io.tidemark.core.model.AuditRecord;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A store's way to commit a change unit's own writes and its {@code APPLIED} record in one
 * backend transaction: both are stored or neither is.
 *
 * <p>A change unit opts in by declaring a parameter of exactly {@link #handleType()} on its
 * {@code @Execution} method (a supertype, such as an interface the handle implements, is an
 * ordinary dependency: the change could not know it was handed a transaction); it must send its
 * writes through that handle, and leave committing and aborting to the engine. The engine then treats a
 * {@code STARTED} or {@code FAILED} latest record of that change as "nothing committed" and runs
 * it again.
 *
 * @param <H> the handle given to the change unit (a session, a transaction builder, ...)
 */
public interface TransactionSupport<H> {

    /** The parameter type that marks a change unit as transactional. */
    Class<H> handleType();

    /**
     * Empty when the backend can run transactions now; otherwise why it cannot, in words that
     * tell the user what to change (for example "a standalone MongoDB server; transactions need a
     * replica set"). Asked once, when the engine is built, only if a change unit needs it.
     */
    Optional<String> unavailableReason();

    /**
     * Opens a transaction, runs {@code work} with its handle, then appends the record produced by
     * {@code record} (called after {@code work} returns) in the same transaction, conditional on
     * its sequence being free, and commits.
     *
     * @return {@code Appended} when both committed; {@code SequenceConflict} when the sequence was
     *     taken, in which case nothing was committed
     * @throws Exception whatever {@code work} threw, unchanged, after aborting; or a
     *     {@link io.tidemark.core.error.TidemarkException} when the backend refused or failed the
     *     commit, in which case nothing was committed; or a
     *     {@link io.tidemark.core.error.TransactionRejectedException} whose {@code nothingCommitted()}
     *     is false when the work ended the transaction itself (committed or aborted it through the
     *     handle), in which case no record is appended and the work's writes may be stored
     */
    AppendResult runAndAppend(TransactionalWork<H> work, Supplier<AuditRecord> record) throws Exception;

    /** A change unit's body, run with the transaction handle. */
    @FunctionalInterface
    interface TransactionalWork<H> {
        void run(H handle) throws Exception;
    }
}
