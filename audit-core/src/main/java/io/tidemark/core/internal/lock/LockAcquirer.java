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
 *
 * <p>The timeout is measured by the injected clock and, as well, by the pauses slept: a wait ends
 * once either has reached it, so a clock that does not move while the thread sleeps (a frozen test
 * clock, a wall clock stepped back) cannot make it endless. Each pause lasts at least its length, so
 * neither measure ends a wait before the timeout has really passed.
 *
 * <p>An attempt that failed with an exception may have taken the lock all the same (the write was
 * applied and its answer lost: a client timeout, an interrupt while waiting for the server). When
 * the acquisition then ends without a lease (interrupted, timed out, or the store still failing),
 * the lock is inspected and, if this owner holds it, released, so that it is not left held until its
 * lease runs out by a caller that has gone. Owners are unique per hold, so this never frees anyone
 * else's lock.
 */
public final class LockAcquirer {

    private static final Logger log = LoggerFactory.getLogger(LockAcquirer.class);

    /** How often, at most, a wait for a held lock is logged (and reported to a {@link LockWatcher}) after it starts. */
    public static final Duration WAIT_REPORT_INTERVAL = Duration.ofSeconds(30);

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
        return acquire(key, owner, LockWatcher.NONE);
    }

    /**
     * Returns a lease on {@code key} for {@code owner}, telling {@code watcher} about the wait and the
     * acquisition. A wait is logged at INFO with the holder and its expiry when it starts, then at most
     * every {@link #WAIT_REPORT_INTERVAL} of the clock (not once per poll), and once more when the lock
     * is taken.
     *
     * @throws LockTimeoutException when the lock stayed held for the whole timeout
     * @throws RunInterruptedException when the thread was interrupted while waiting
     */
    public Lease acquire(String key, String owner, LockWatcher watcher) {
        Acquired acquired = acquireTimed(key, owner, watcher);
        watcher.acquired(acquired.lease(), acquired.waited());
        return acquired.lease();
    }

    private Acquired acquireTimed(String key, String owner, LockWatcher watcher) {
        Optional<Lease> first;
        try {
            first = locks.tryAcquire(key, owner, policy.leaseDuration());
        } catch (StoreUnavailableException e) {
            giveBackIfTaken(key, owner);
            throw e;
        }
        if (first.isPresent()) {
            return new Acquired(first.get(), Duration.ZERO);
        }
        boolean[] attemptFailed = new boolean[1];
        try {
            return waitFor(key, owner, watcher, attemptFailed);
        } catch (RuntimeException e) {
            if (attemptFailed[0]) {
                giveBackIfTaken(key, owner);
            }
            throw e;
        }
    }

    /**
     * The wait after a first attempt found the lock held; notes in {@code attemptFailed} whether an
     * attempt failed with an exception (and so may have taken the lock unseen).
     */
    private Acquired waitFor(String key, String owner, LockWatcher watcher, boolean[] attemptFailed) {
        Instant start = clock.instant();
        Instant deadline = start.plus(policy.timeout());
        Optional<Lease> holder = holderOf(key);
        log.info(
                "Waiting for lock '{}': held by {} (waiting up to {} s)",
                key,
                describe(holder),
                policy.timeout().toSeconds());
        watcher.waiting(holder, Duration.ZERO, policy.timeout());
        Instant nextReport = start.plus(WAIT_REPORT_INTERVAL);
        Duration pause = policy.minPoll();
        StoreUnavailableException lastFailure = null;
        Duration slept = Duration.ZERO;
        while (clock.instant().isBefore(deadline) && slept.compareTo(policy.timeout()) < 0) {
            Duration jittered = jitter(pause);
            sleep(key, jittered);
            slept = slept.plus(jittered);
            try {
                Optional<Lease> lease = locks.tryAcquire(key, owner, policy.leaseDuration());
                if (lease.isPresent()) {
                    Duration waited = Duration.between(start, clock.instant());
                    log.info("Took lock '{}' after waiting {} ms", key, waited.toMillis());
                    return new Acquired(lease.get(), waited);
                }
                lastFailure = null;
                log.debug("Lock '{}' still held; next attempt in about {} ms", key, pause.toMillis());
            } catch (StoreUnavailableException e) {
                attemptFailed[0] = true;
                if (lastFailure == null) {
                    log.warn("Lock '{}' could not be checked, retrying until {}: {}", key, deadline, e.getMessage());
                }
                lastFailure = e;
            }
            Instant now = clock.instant();
            if (!now.isBefore(nextReport) && now.isBefore(deadline)) {
                Optional<Lease> holderNow = holderOf(key);
                Duration waited = Duration.between(start, now);
                log.info(
                        "Still waiting for lock '{}' after {} s: held by {} (giving up at {})",
                        key,
                        waited.toSeconds(),
                        describe(holderNow),
                        deadline);
                watcher.waiting(holderNow, waited, policy.timeout());
                nextReport = now.plus(WAIT_REPORT_INTERVAL);
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
        return hold(key, owner, LockWatcher.NONE);
    }

    /**
     * As {@link #hold(String, String)}, telling {@code watcher} about the wait, and about the
     * acquisition once the lease is being kept.
     */
    public LeaseKeeper hold(String key, String owner, LockWatcher watcher) {
        Acquired acquired = acquireTimed(key, owner, watcher);
        LeaseKeeper keeper = new LeaseKeeper(locks, acquired.lease(), policy, clock);
        try {
            watcher.acquired(acquired.lease(), acquired.waited());
        } catch (RuntimeException | Error e) {
            keeper.close();
            throw e;
        }
        return keeper;
    }

    /** A lease and how long it took to get it. */
    private record Acquired(Lease lease, Duration waited) {}

    private static String describe(Optional<Lease> holder) {
        return holder.map(h -> "'" + h.owner() + "' until " + h.expiresAt()).orElse("another instance");
    }

    /**
     * Releases the lock if {@code owner} holds it: an attempt whose answer was lost took it. Works on an
     * interrupted thread (backend clients refuse to), restoring the flag afterwards; a store that cannot
     * answer leaves the lock to expire, as it would have anyway.
     */
    private void giveBackIfTaken(String key, String owner) {
        boolean interrupted = Thread.interrupted();
        try {
            Optional<Lease> taken =
                    locks.inspect(key).filter(lease -> lease.owner().equals(owner));
            if (taken.isPresent()) {
                locks.release(taken.get());
                log.info("Released lock '{}', taken by an attempt whose answer was lost", key);
            }
        } catch (RuntimeException e) {
            log.warn(
                    "Could not check whether an attempt whose answer was lost took lock '{}' for '{}'; if it did, "
                            + "the lock expires with its lease: {}",
                    key,
                    owner,
                    e.toString());
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
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
