package io.tidemark.core.error;

/**
 * The audit store's backend could not be reached or refused to serve (network failure, timeout,
 * throttling). Nothing was half-written: every write is one conditional request, so it either
 * happened or did not. The message names the store (endpoint, table) and never a secret.
 */
public class StoreUnavailableException extends TransientTidemarkException {

    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    public StoreUnavailableException(String message) {
        super(message);
    }
}
