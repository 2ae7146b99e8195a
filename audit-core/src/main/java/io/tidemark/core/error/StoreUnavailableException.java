package io.tidemark.core.error;

/**
 * The audit store's backend could not be reached or refused to serve (network failure, timeout,
 * throttling). Nothing is half-written: every write is one conditional request, so a record is
 * either stored whole or not at all. When the failure hid the outcome (a timeout after the request
 * was sent), the record may or may not be there; the next run reads the log, and the sequence
 * fence keeps the chain consistent either way. The message names the store (endpoint, table) and
 * never a secret.
 */
public class StoreUnavailableException extends TransientTidemarkException {

    private static final long serialVersionUID = 1L;

    /**
     * A store that failed with {@code cause}.
     *
     * @param message which store, and what could not be done
     * @param cause   the SDK's exception, or another Tidemark exception
     */
    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * A store that could not be used.
     *
     * @param message which store, and what could not be done
     */
    public StoreUnavailableException(String message) {
        super(message);
    }
}
