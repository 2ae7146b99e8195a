package io.tidemark.core.error;

/** An operator named a change that neither the audit log nor the registered change units know. */
public class UnknownChangeException extends NonTransientTidemarkException {

    public UnknownChangeException(String message) {
        super(message);
    }
}
