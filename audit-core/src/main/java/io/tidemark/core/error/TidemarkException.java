package io.tidemark.core.error;

/**
 * Root of every exception Tidemark throws. Backend SDK exceptions never cross an adapter's
 * boundary; they arrive wrapped in one of the subclasses.
 *
 * <p>{@link #isTransient()} tells whether retrying the same call later may succeed
 * ({@link TransientTidemarkException}) or whether something has to change first
 * ({@link NonTransientTidemarkException}).
 */
public abstract class TidemarkException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * A failure described by {@code message}.
     *
     * @param message what failed and, where known, how to fix it
     */
    protected TidemarkException(String message) {
        super(message);
    }

    /**
     * A failure described by {@code message}, caused by {@code cause}.
     *
     * @param message what failed and, where known, how to fix it
     * @param cause   the underlying failure
     */
    protected TidemarkException(String message, Throwable cause) {
        super(message, cause);
    }

    /** {@return whether the same call may succeed if retried later without any change} */
    public abstract boolean isTransient();
}
