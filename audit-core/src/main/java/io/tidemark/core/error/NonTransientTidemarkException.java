package io.tidemark.core.error;

/** A failure that will repeat until code, configuration or data is changed. */
public abstract class NonTransientTidemarkException extends TidemarkException {

    private static final long serialVersionUID = 1L;

    /**
     * A non-transient failure.
     *
     * @param message what failed and what to do
     */
    protected NonTransientTidemarkException(String message) {
        super(message);
    }

    /**
     * A non-transient failure caused by {@code cause}.
     *
     * @param message what failed and what to do
     * @param cause   the underlying failure
     */
    protected NonTransientTidemarkException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public final boolean isTransient() {
        return false;
    }
}
