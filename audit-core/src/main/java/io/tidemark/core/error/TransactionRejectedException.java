package io.tidemark.core.error;

/**
 * The backend refused to commit a transactional change unit (a condition of the change's own
 * writes failed, or the transaction broke a backend limit), or the change ended the transaction
 * itself. The engine records the change as {@code FAILED}.
 *
 * <p>Usually nothing was committed ({@link #nothingCommitted()}), and since the change was
 * transactional it runs again by itself next time. When the adapter cannot vouch for that (the
 * change committed or aborted the transaction on its own, so its writes may be stored without an
 * {@code APPLIED} record), the {@code FAILED} record is written as for a change without a
 * transaction: it becomes an issue for an operator unless the change says {@code recovery = RETRY}.
 */
public class TransactionRejectedException extends NonTransientTidemarkException {

    private static final long serialVersionUID = 1L;

    /** Whether none of the change's writes were committed. */
    private final boolean nothingCommitted;

    /**
     * A refusal after which nothing of the change was committed.
     *
     * @param message why the transaction was refused
     * @param cause   the backend's refusal
     */
    public TransactionRejectedException(String message, Throwable cause) {
        this(message, cause, true);
    }

    /**
     * A refusal that may have come after some of the change's writes were committed.
     *
     * @param message          why the transaction was refused
     * @param cause            the backend's refusal
     * @param nothingCommitted whether the adapter knows that none of the change's writes were
     *                         committed; false when they may have been
     */
    public TransactionRejectedException(String message, Throwable cause, boolean nothingCommitted) {
        super(message, cause);
        this.nothingCommitted = nothingCommitted;
    }

    /** {@return whether none of the change's writes were committed, so that running it again is safe} */
    public boolean nothingCommitted() {
        return nothingCommitted;
    }
}
