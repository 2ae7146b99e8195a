package io.tidemark.core.error;

/** The thread running Tidemark was interrupted (for example while waiting for the lock). */
public class RunInterruptedException extends TransientTidemarkException {

    public RunInterruptedException(String message, InterruptedException cause) {
        super(message, cause);
    }
}
