package io.tidemark.core.error;

/** A failure that may go away by itself: retrying later can succeed. */
public abstract class TransientTidemarkException extends TidemarkException {

    private static final long serialVersionUID = 1L;

    /**
     * A transient failure.
     *
     * @param message what failed
     */
    protected TransientTidemarkException(String message) {
        super(message);
    }

    /**
     * A transient failure caused by {@code cause}.
     *
     * @param message what failed
     * @param cause   the underlying failure
     */
    protected TransientTidemarkException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public final boolean isTransient() {
        return true;
    }
}
