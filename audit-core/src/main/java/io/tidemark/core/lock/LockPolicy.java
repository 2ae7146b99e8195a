package io.tidemark.core.lock;

import java.time.Duration;
import java.util.Objects;

/**
 * How the engine takes and keeps the lock.
 *
 * <p>While another instance holds the lock, a waiting instance retries every {@code minPoll} at
 * first, backing off to {@code maxPoll}; with the defaults (25 ms to 200 ms) a waiter costs the
 * backend at most about 5 conditional writes a second once backed off, and takes over within
 * about 200 ms of the holder releasing.
 *
 * @param leaseDuration how long one lease lasts; the engine extends it while it runs
 * @param timeout       how long to wait for a held lock before giving up
 * @param minPoll       first pause between attempts
 * @param maxPoll       longest pause between attempts
 */
public record LockPolicy(Duration leaseDuration, Duration timeout, Duration minPoll, Duration maxPoll) {

    /** 60 s leases, 3 min timeout, polls from 25 ms backing off to 200 ms. */
    public static final LockPolicy DEFAULT = new LockPolicy(Duration.ofSeconds(60), Duration.ofMinutes(3),
            Duration.ofMillis(25), Duration.ofMillis(200));

    public LockPolicy {
        positive(leaseDuration, "leaseDuration");
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("lock timeout must not be negative, was " + timeout);
        }
        positive(minPoll, "minPoll");
        positive(maxPoll, "maxPoll");
        if (maxPoll.compareTo(minPoll) < 0) {
            throw new IllegalArgumentException("maxPoll " + maxPoll + " is shorter than minPoll " + minPoll);
        }
    }

    public LockPolicy withLeaseDuration(Duration value) {
        return new LockPolicy(value, timeout, minPoll, maxPoll);
    }

    public LockPolicy withTimeout(Duration value) {
        return new LockPolicy(leaseDuration, value, minPoll, maxPoll);
    }

    /** How close to expiry a lease stops being trusted for a write: a tenth of its duration. */
    public Duration safetyMargin() {
        return leaseDuration.dividedBy(10);
    }

    private static void positive(Duration value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isZero() || value.isNegative()) {
            throw new IllegalArgumentException(name + " must be positive, was " + value);
        }
    }
}
