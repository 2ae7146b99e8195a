package io.tidemark.tck;

import io.tidemark.spi.AppendResult;
import io.tidemark.spi.AuditRecord;
import io.tidemark.spi.TransactionSupport;
import java.util.function.Supplier;

/**
 * The engine's steps around one transactional change, for adapter tests that drive a
 * {@link TransactionSupport} directly: begin; run the change's work with the handle (when it throws,
 * the record is never asked for); seal the record ({@code record} is asked for it); commit; abort in
 * any case (a no-op after a commit), as the engine does.
 */
public final class TransactionSteps {

    /** A change's body, given the handle. */
    @FunctionalInterface
    public interface Work<H> {
        /**
         * Does the change's work.
         *
         * @param handle the transaction's handle
         * @throws Exception whatever the work throws, as a change unit may
         */
        void run(H handle) throws Exception;
    }

    private TransactionSteps() {}

    /**
     * Runs {@code work} in a transaction of {@code transactions} and commits it with the record
     * {@code record} gives.
     *
     * @param <H>          the handle's type
     * @param transactions the store's transaction support
     * @param work         the change's work
     * @param record       gives the sealed {@code APPLIED} record, once the work is done
     * @return what the commit returned
     * @throws Exception what {@code work} threw, unchanged (the transaction aborted), or what the
     *     commit threw
     */
    public static <H> AppendResult runAndAppend(
            TransactionSupport<H> transactions, Work<H> work, Supplier<AuditRecord> record) throws Exception {
        TransactionSupport.Transaction<H> transaction = transactions.begin();
        try {
            work.run(transaction.handle());
            return transaction.commit(record.get());
        } finally {
            transaction.abort();
        }
    }
}
