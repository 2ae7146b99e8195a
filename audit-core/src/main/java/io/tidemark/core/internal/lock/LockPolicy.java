package io.tidemark.core.internal.lock;

import io.tidemark.core.TidemarkConfig;
import io.tidemark.core.internal.config.Durations;
import java.time.Duration;
import java.util.Objects;

/**
 * How the engine takes and keeps the lock.
 *
 * <p>While another instance holds the lock, a waiting instance pauses {@code minPoll} before its
 * second attempt and doubles the pause after each attempt up to {@code maxPoll}; each pause is
 * jittered down to between 75% and 100% of that value, so that waiters started together spread
 * out. With the defaults (25 ms doubling to 200 ms) a waiter that has backed off makes one attempt
 * every 150 to 200 ms: about 5.7 attempts a second on average, never more than 6.7 (an attempt is
 * one conditional write on DynamoDB and MongoDB, an {@code insert} and a {@code get} on Couchbase).
 * It takes over at most one pause (200 ms) plus one attempt after the holder releases.
 *
 * @param leaseDuration how long one lease lasts; the engine extends it while it runs; from
 *                      {@link #MIN_LEASE_DURATION} to {@link #MAX_LEASE_DURATION}
 * @param timeout       how long to wait for a held lock before giving up; from zero to {@link #MAX_TIMEOUT}
 * @param minPoll       first pause between attempts
 * @param maxPoll       longest pause between attempts
 */
public record LockPolicy(Duration leaseDuration, Duration timeout, Duration minPoll, Duration maxPoll) {

    /** The shortest lease; see {@link TidemarkConfig#MIN_LEASE_DURATION}. */
    public static final Duration MIN_LEASE_DURATION = TidemarkConfig.MIN_LEASE_DURATION;
    /** The longest lease; see {@link TidemarkConfig#MAX_LEASE_DURATION}. */
    public static final Duration MAX_LEASE_DURATION = TidemarkConfig.MAX_LEASE_DURATION;
    /** The longest wait for a held lock; see {@link TidemarkConfig#MAX_LOCK_TIMEOUT}. */
    public static final Duration MAX_TIMEOUT = TidemarkConfig.MAX_LOCK_TIMEOUT;

    /** 60 s leases, 3 min timeout, polls from 25 ms backing off to 200 ms. */
    public static final LockPolicy DEFAULT = new LockPolicy(
            Duration.ofSeconds(60), Duration.ofMinutes(3), Duration.ofMillis(25), Duration.ofMillis(200));

    public LockPolicy {
        within(leaseDuration, "lease duration", MIN_LEASE_DURATION, MAX_LEASE_DURATION);
        within(timeout, "lock timeout", Duration.ZERO, MAX_TIMEOUT);
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

    private static void within(Duration value, String name, Duration min, Duration max) {
        Objects.requireNonNull(value, name);
        if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
            throw new IllegalArgumentException(name + " " + value + " is outside the allowed range from "
                    + Durations.format(min) + " to " + Durations.format(max));
        }
    }

    private static void positive(Duration value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isZero() || value.isNegative()) {
            throw new IllegalArgumentException(name + " must be positive, was " + value);
        }
    }
}
