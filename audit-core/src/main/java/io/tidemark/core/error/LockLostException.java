package io.tidemark.core.error;

/**
 * The run's lease expired or was taken over before it could append, so it stopped without writing.
 * The change it was running, if any, stays {@code STARTED} in the audit log.
 */
public class LockLostException extends TransientTidemarkException {

    private static final long serialVersionUID = 1L;

    /**
     * A lease found lost before a write.
     *
     * @param message which lease, and what the run did not write
     */
    public LockLostException(String message) {
        super(message);
    }

    /**
     * A lease lost because of {@code cause}.
     *
     * @param message which lease, and what the run did not write
     * @param cause   what made the lease unusable
     */
    public LockLostException(String message, Throwable cause) {
        super(message, cause);
    }
}
