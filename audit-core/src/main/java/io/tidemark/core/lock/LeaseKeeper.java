package io.tidemark.core.lock;

import io.tidemark.core.error.LockLostException;
import io.tidemark.core.model.Lease;
import io.tidemark.core.port.LockService;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one lease alive for the duration of a run and answers, before every append, whether the
 * run may still write.
 *
 * <p>A daemon thread extends the lease every third of its duration, so that long-running change
 * units keep it. Independently, {@link #ensureValid()} extends it synchronously when less than half
 * is left, and refuses once the lease is lost (another owner took it, or it expired without a
 * successful extension). Closing stops the refresher and releases the lock.
 */
public final class LeaseKeeper implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LeaseKeeper.class);

    private final LockService locks;
    private final LockPolicy policy;
    private final Clock clock;
    private final ScheduledExecutorService refresher;
    private Lease lease;
    private String lostReason;

    /** Starts keeping {@code lease}; the background refresher starts at once. */
    public LeaseKeeper(LockService locks, Lease lease, LockPolicy policy, Clock clock) {
        this.locks = locks;
        this.lease = lease;
        this.policy = policy;
        this.clock = clock;
        this.refresher = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "tidemark-lease-" + lease.key());
            thread.setDaemon(true);
            return thread;
        });
        long periodMillis = Math.max(1, policy.leaseDuration().toMillis() / 3);
        refresher.scheduleWithFixedDelay(this::refreshInBackground, periodMillis, periodMillis, TimeUnit.MILLISECONDS);
    }

    /** The lease as last extended. */
    public synchronized Lease current() {
        return lease;
    }

    /**
     * Returns a lease that is valid for at least half its duration, extending it first if needed.
     *
     * @throws LockLostException when the lease is lost; the caller must not write
     */
    public synchronized Lease ensureValid() {
        if (lostReason != null) {
            throw lost();
        }
        Instant now = clock.instant();
        Duration left = Duration.between(now, lease.expiresAt());
        if (left.compareTo(policy.leaseDuration().dividedBy(2)) < 0) {
            extendNow(!left.minus(policy.safetyMargin()).isNegative());
        }
        if (lostReason != null) {
            throw lost();
        }
        return lease;
    }

    private void extendNow(boolean stillValid) {
        try {
            Optional<Lease> extended = locks.extend(lease, policy.leaseDuration());
            if (extended.isPresent()) {
                lease = extended.get();
                log.debug("Extended lease on '{}' to {}", lease.key(), lease.expiresAt());
            } else {
                lostReason = "the lock service refused to extend it: another owner holds '" + lease.key() + "' now";
            }
        } catch (RuntimeException e) {
            if (!stillValid) {
                lostReason = "it expired at " + lease.expiresAt() + " and could not be extended (" + e + ")";
            } else {
                log.warn("Could not extend lease on '{}' (still valid until {}), will retry: {}", lease.key(),
                        lease.expiresAt(), e.toString());
            }
        }
    }

    /** Runs on the refresher thread; never throws, since one exception would cancel every later refresh. */
    private synchronized void refreshInBackground() {
        if (lostReason != null) {
            return;
        }
        try {
            Duration left = Duration.between(clock.instant(), lease.expiresAt());
            extendNow(!left.minus(policy.safetyMargin()).isNegative());
            if (lostReason != null) {
                log.warn("Lost lease on '{}': {}", lease.key(), lostReason);
            }
        } catch (RuntimeException e) {
            log.warn("Lease refresh of '{}' failed, will retry: {}", lease.key(), e.toString());
        }
    }

    private LockLostException lost() {
        return new LockLostException("Lost lock '" + lease.key() + "' held by '" + lease.owner() + "' (token "
                + lease.token() + "): " + lostReason + ". Nothing more was written; the change being run, if any, "
                + "is left STARTED.");
    }

    /**
     * Stops refreshing and releases the lock if it is still held. The release does not depend on the
     * calling thread's interrupt flag (backend clients refuse to work on an interrupted thread): the
     * flag is cleared for the release and set again afterwards.
     */
    @Override
    public synchronized void close() {
        refresher.shutdownNow();
        if (lostReason == null) {
            boolean interrupted = Thread.interrupted();
            try {
                locks.release(lease);
            } catch (RuntimeException e) {
                log.warn("Could not release lock '{}'; it expires at {}: {}", lease.key(), lease.expiresAt(),
                        e.getMessage());
            } finally {
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }
}
