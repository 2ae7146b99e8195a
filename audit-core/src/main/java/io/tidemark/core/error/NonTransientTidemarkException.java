package io.tidemark.core.error;

/** A failure that will repeat until code, configuration or data is changed. */
public abstract class NonTransientTidemarkException extends TidemarkException {

    protected NonTransientTidemarkException(String message) {
        super(message);
    }

    protected NonTransientTidemarkException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public final boolean isTransient() {
        return false;
    }
}
