package io.tidemark.core.error;

/**
 * The backend refused to commit a transactional change unit (a condition of the change's own
 * writes failed, or the transaction broke a backend limit). Nothing was committed; the engine
 * records the change as {@code FAILED}, and since it was transactional it runs again next time.
 */
public class TransactionRejectedException extends NonTransientTidemarkException {

    public TransactionRejectedException(String message, Throwable cause) {
        super(message, cause);
    }
}
