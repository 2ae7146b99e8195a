package io.tidemark.core.internal.lock;

import io.tidemark.spi.Lease;
import java.time.Duration;
import java.util.Optional;

/**
 * What {@link LockAcquirer} tells its caller about one acquisition while it happens: the engine turns
 * it into events ({@code LockWaiting}, {@code LockAcquired}). Called on the acquiring thread; an
 * implementation must not throw.
 */
public interface LockWatcher {

    /** A watcher that is told nothing. */
    LockWatcher NONE = new LockWatcher() {};

    /**
     * The lock is held by someone else and the caller waits: called when the wait starts, then at
     * most every {@link LockAcquirer#WAIT_REPORT_INTERVAL} of the clock while it lasts.
     *
     * @param holder  the holder as the lock service showed it just now; empty when it could not say
     * @param waited  how long the caller has waited so far
     * @param timeout how long it waits in all
     */
    default void waiting(Optional<Lease> holder, Duration waited, Duration timeout) {}

    /**
     * The lock was taken (and, for {@link LockAcquirer#hold}, is being kept).
     *
     * @param lease  the lease
     * @param waited how long the caller waited for it: zero when it was free at once
     */
    default void acquired(Lease lease, Duration waited) {}
}
