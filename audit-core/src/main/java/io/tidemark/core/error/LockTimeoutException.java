package io.tidemark.core.error;

import io.tidemark.spi.Lease;
import java.time.Duration;
import java.util.Optional;

/**
 * Another instance held the lock for the whole wait. Usually it is still running changes and the
 * next start will find them done; if its owner has died, its lease expires by itself.
 */
public class LockTimeoutException extends TransientTidemarkException {

    private static final long serialVersionUID = 1L;

    private final transient Lease holder;

    /**
     * A wait for a lock that ended without it.
     *
     * @param key    the lock key
     * @param waited how long the wait lasted
     * @param holder the lease that blocked the wait when it ended, or null when none was seen
     */
    public LockTimeoutException(String key, Duration waited, Lease holder) {
        super(render(key, waited, holder));
        this.holder = holder;
    }

    /** {@return the lease that blocked the wait when it ended, when one was seen} */
    public Optional<Lease> holder() {
        return Optional.ofNullable(holder);
    }

    private static String render(String key, Duration waited, Lease holder) {
        String who = holder == null
                ? "the holder released it between checks but it was taken again each time"
                : "it is held by '" + holder.owner() + "' until " + holder.expiresAt() + " (fencing token "
                        + holder.token() + ")";
        return "Could not take lock '" + key + "' within " + waited.toSeconds() + " s: " + who
                + ". If that owner is alive, wait for it or raise the lock timeout; if it died, its lease expires "
                + "at that time and the next start proceeds.";
    }
}
