package io.tidemark.core.error;

/** A failure that may go away by itself: retrying later can succeed. */
public abstract class TransientTidemarkException extends TidemarkException {

    protected TransientTidemarkException(String message) {
        super(message);
    }

    protected TransientTidemarkException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public final boolean isTransient() {
        return true;
    }
}
