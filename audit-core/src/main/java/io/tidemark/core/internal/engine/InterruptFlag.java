package io.tidemark.core.internal.engine;

/**
 * Keeps the engine's own writes independent of the thread's interrupt flag. Backend clients refuse
 * to work on an interrupted thread, so an interrupt left by a change unit, or sent by another
 * thread while one ran, would make the write of its outcome (or the release of the lock) fail and
 * leave the change {@code STARTED}. Before each of its writes the engine therefore clears the flag,
 * remembering that it was set; between changes it stops the run if it was; and at the end it sets
 * the flag again, so that the caller still sees the interrupt. One per run, used by its thread only.
 */
public final class InterruptFlag {

    private boolean seen;

    /** Clears the current thread's interrupt flag, remembering whether it was set. */
    public void absorb() {
        if (Thread.interrupted()) {
            seen = true;
        }
    }

    /** Whether the flag was found set since this run began (checks it now too, clearing it). */
    public boolean seen() {
        absorb();
        return seen;
    }

    /** Sets the current thread's interrupt flag again if it was found set; for the end of the run. */
    public void restore() {
        if (seen) {
            Thread.currentThread().interrupt();
        }
    }
}
