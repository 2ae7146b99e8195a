package io.tidemark.core.internal.engine;

/** Carries what a change unit's constructor or method threw, to tell it apart from store failures. */
final class ChangeBodyException extends Exception {

    ChangeBodyException(Throwable cause) {
        super(cause);
    }
}
