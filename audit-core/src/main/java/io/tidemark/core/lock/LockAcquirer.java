package io.tidemark.core.lock;

import io.tidemark.core.error.LockTimeoutException;
import io.tidemark.core.error.RunInterruptedException;
import io.tidemark.core.model.Lease;
import io.tidemark.core.port.LockService;
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
        Optional<Lease> holder = locks.inspect(key);
        log.info("Waiting for lock '{}': held by {} (up to {} s)", key,
                holder.map(h -> "'" + h.owner() + "' until " + h.expiresAt()).orElse("another instance"),
                policy.timeout().toSeconds());
        Duration pause = policy.minPoll();
        while (true) {
            if (!clock.instant().isBefore(deadline)) {
                throw new LockTimeoutException(key, policy.timeout(), locks.inspect(key).orElse(null));
            }
            sleep(key, jitter(pause));
            Optional<Lease> lease = locks.tryAcquire(key, owner, policy.leaseDuration());
            if (lease.isPresent()) {
                log.info("Took lock '{}' after waiting {} ms", key,
                        Duration.between(start, clock.instant()).toMillis());
                return lease.get();
            }
            log.debug("Lock '{}' still held; next attempt in about {} ms", key, pause.toMillis());
            pause = pause.multipliedBy(2);
            if (pause.compareTo(policy.maxPoll()) > 0) {
                pause = policy.maxPoll();
            }
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
