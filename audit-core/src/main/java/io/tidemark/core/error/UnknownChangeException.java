package io.tidemark.core.error;

/** An operator named a change that neither the audit log nor the registered change units know. */
public class UnknownChangeException extends NonTransientTidemarkException {

    private static final long serialVersionUID = 1L;

    /**
     * A change id nothing knows.
     *
     * @param message which id, and where it was looked for
     */
    public UnknownChangeException(String message) {
        super(message);
    }
}
