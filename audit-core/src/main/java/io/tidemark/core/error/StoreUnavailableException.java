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

    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    public StoreUnavailableException(String message) {
        super(message);
    }
}
