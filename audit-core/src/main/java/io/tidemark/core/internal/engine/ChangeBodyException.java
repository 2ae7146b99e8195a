package io.tidemark.core.internal.engine;

/** Carries what a change unit's constructor or method threw, to tell it apart from store failures. */
final class ChangeBodyException extends Exception {

    private static final long serialVersionUID = 1L;

    ChangeBodyException(Throwable cause) {
        super(cause);
    }
}
