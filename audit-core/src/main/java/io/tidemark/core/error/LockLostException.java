package io.tidemark.core.error;

/**
 * The run's lease expired or was taken over before it could append, so it stopped without writing.
 * The change it was running, if any, stays {@code STARTED} in the audit log.
 */
public class LockLostException extends TransientTidemarkException {

    public LockLostException(String message) {
        super(message);
    }

    public LockLostException(String message, Throwable cause) {
        super(message, cause);
    }
}
