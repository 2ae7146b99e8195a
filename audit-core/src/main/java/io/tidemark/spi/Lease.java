package io.tidemark.spi;

import java.time.Instant;
import java.util.Objects;

/**
 * A time-bounded hold on a lock key.
 *
 * @param key       what is locked (the engine uses the chain name)
 * @param owner     who holds it; unique per run
 * @param expiresAt when the hold ends unless extended
 * @param token     fencing token: strictly greater for every new acquisition of {@code key},
 *                  unchanged by extension; a writer holding an older token has lost the lock
 */
public record Lease(String key, String owner, Instant expiresAt, long token) {

    /**
     * Checks that every field is set.
     *
     * @param key       what is locked (the engine uses the chain name)
     * @param owner     who holds it; unique per run
     * @param expiresAt when the hold ends unless extended
     * @param token     fencing token: strictly greater for every new acquisition of {@code key},
     *                  unchanged by extension; a writer holding an older token has lost the lock
     */
    public Lease {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    /**
     * Whether the lease still holds at {@code now}.
     *
     * @param now the current time, from the caller's clock
     * @return whether {@code now} is before the expiry
     */
    public boolean isActiveAt(Instant now) {
        return now.isBefore(expiresAt);
    }
}
