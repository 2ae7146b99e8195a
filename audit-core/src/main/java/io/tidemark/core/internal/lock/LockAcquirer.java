package io.tidemark.core.internal.lock;

import io.tidemark.core.Sleeper;
import io.tidemark.core.error.LockTimeoutException;
import io.tidemark.core.error.RunInterruptedException;
import io.tidemark.core.error.StoreUnavailableException;
import io.tidemark.spi.Lease;
import io.tidemark.spi.LockService;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes a lock, waiting while someone else holds it: polls with jittered exponential backoff
 * between the policy's bounds, and gives up at the timeout with an exception naming the holder.
 * A store that fails while waiting is retried until the timeout too; if it is still failing then,
 * its {@link StoreUnavailableException} is thrown instead.
 */
public final class LockAcquirer {

    private static final Logger log = LoggerFactory.getLogger(LockAcquirer.class);

    private final LockService locks;
    private final LockPolicy policy;
    private final Clock clock;
    private final Sleeper sleeper;

    public LockAcquirer(LockService locks, LockPolicy policy, Clock clock, Sleeper sleeper) {
        this.locks = locks;
        this.policy = policy;
        this.clock = clock;
        this.sleeper = sleeper;
    }

    /**
     * Returns a lease on {@code key} for {@code owner}.
     *
     * @throws LockTimeoutException when the lock stayed held for the whole timeout
     * @throws RunInterruptedException when the thread was interrupted while waiting
     */
    public Lease acquire(String key, String owner) {
        Optional<Lease> first = locks.tryAcquire(key, owner, policy.leaseDuration());
        if (first.isPresent()) {
            return first.get();
        }
        Instant start = clock.instant();
        Instant deadline = start.plus(policy.timeout());
        log.info("Waiting for lock '{}': held by {} (up to {} s)", key,
                holderOf(key).map(h -> "'" + h.owner() + "' until " + h.expiresAt()).orElse("another instance"),
                policy.timeout().toSeconds());
        Duration pause = policy.minPoll();
        StoreUnavailableException lastFailure = null;
        while (clock.instant().isBefore(deadline)) {
            sleep(key, jitter(pause));
            try {
                Optional<Lease> lease = locks.tryAcquire(key, owner, policy.leaseDuration());
                if (lease.isPresent()) {
                    log.info("Took lock '{}' after waiting {} ms", key, Duration.between(start, clock.instant()).toMillis());
                    return lease.get();
                }
                lastFailure = null;
                log.debug("Lock '{}' still held; next attempt in about {} ms", key, pause.toMillis());
            } catch (StoreUnavailableException e) {
                if (lastFailure == null) {
                    log.warn("Lock '{}' could not be checked, retrying until {}: {}", key, deadline, e.getMessage());
                }
                lastFailure = e;
            }
            pause = pause.multipliedBy(2);
            if (pause.compareTo(policy.maxPoll()) > 0) {
                pause = policy.maxPoll();
            }
        }
        if (lastFailure != null) {
            throw lastFailure;
        }
        throw new LockTimeoutException(key, policy.timeout(), holderOf(key).orElse(null));
    }

    /**
     * Takes the lock as {@link #acquire} does and keeps it: the returned keeper extends the lease in
     * the background until closed, and closing releases the lock.
     */
    public LeaseKeeper hold(String key, String owner) {
        return new LeaseKeeper(locks, acquire(key, owner), policy, clock);
    }

    /** Who holds the lock, for messages; unknown when the store cannot say right now. */
    private Optional<Lease> holderOf(String key) {
        try {
            return locks.inspect(key);
        } catch (StoreUnavailableException e) {
            return Optional.empty();
        }
    }

    private void sleep(String key, Duration pause) {
        try {
            sleeper.sleep(pause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RunInterruptedException("Interrupted while waiting for lock '" + key + "'", e);
        }
    }

    /** Between 75% and 100% of the pause, so that waiters started together spread out. */
    private static Duration jitter(Duration pause) {
        long millis = Math.max(1, pause.toMillis());
        return Duration.ofMillis(millis - ThreadLocalRandom.current().nextLong(millis / 4 + 1));
    }
}
