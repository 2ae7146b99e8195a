package io.tidemark.core.internal.lock;

import io.tidemark.core.error.LockLostException;
import io.tidemark.spi.Lease;
import io.tidemark.spi.LockService;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one lease alive for the duration of a run and answers, before every append, whether the
 * run may still write.
 *
 * <p>A daemon thread extends the lease every third of its duration, so that long-running change
 * units keep it. Nothing it meets ends it: an exception or even an {@link Error} thrown by the lock
 * service (an {@code OutOfMemoryError} or {@code StackOverflowError} inside a client library) is
 * logged and the extension retried, sooner than usual (half the time left before the safety
 * margin). When the lease cannot be extended before only the safety margin is left, or the lock
 * service refuses because another owner holds the key, the lease is <em>given up</em>: logged at
 * ERROR while it is still valid, and from then on {@link #ensureValid()} refuses, so that nothing
 * more is appended on a lease that may lapse. The change running at that moment cannot be stopped;
 * its outcome is not recorded, and it stays {@code STARTED} in the audit log.
 *
 * <p>Independently, {@link #ensureValid()} extends the lease synchronously when less than half is
 * left. Closing stops the refresher and releases the lock, unless the lease was given up (it may be
 * someone else's by then).
 */
public final class LeaseKeeper implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LeaseKeeper.class);

    /** The shortest pause between two background attempts. */
    private static final Duration MIN_RETRY = Duration.ofMillis(1);

    private final LockService locks;
    private final LockPolicy policy;
    private final Clock clock;
    private final ScheduledExecutorService refresher;
    private final Duration period;
    private Lease lease;
    private String lostReason;
    /** Set by {@link #close()}: a refresh that was already due when it closed does nothing. */
    private boolean closed;

    /** Starts keeping {@code lease}; the background refresher starts at once. */
    public LeaseKeeper(LockService locks, Lease lease, LockPolicy policy, Clock clock) {
        this.locks = locks;
        this.lease = lease;
        this.policy = policy;
        this.clock = clock;
        this.period = max(MIN_RETRY, policy.leaseDuration().dividedBy(3));
        this.refresher = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "tidemark-lease-" + lease.key());
            thread.setDaemon(true);
            return thread;
        });
        scheduleRefresh(period);
    }

    /** The lease as last extended. */
    public synchronized Lease current() {
        return lease;
    }

    /**
     * Returns a lease that is valid for at least half its duration, extending it first if needed.
     *
     * @throws LockLostException when the lease is lost or was given up; the caller must not write
     */
    public synchronized Lease ensureValid() {
        if (lostReason != null) {
            throw lost();
        }
        Duration left = Duration.between(clock.instant(), lease.expiresAt());
        if (left.compareTo(policy.leaseDuration().dividedBy(2)) < 0) {
            Throwable failure = extendNow();
            if (failure instanceof VirtualMachineError error) {
                if (lostReason == null) {
                    giveUp("extending it failed with " + error + " on the run's own thread");
                }
                throw error;
            }
            if (failure != null && lostReason == null) {
                log.warn(
                        "Could not extend lease on '{}' (still valid until {}), will retry: {}",
                        lease.key(),
                        lease.expiresAt(),
                        failure.toString());
            }
        }
        if (lostReason != null) {
            throw lost();
        }
        return lease;
    }

    /**
     * One extension attempt; on success the lease moves, on refusal it is lost. A failure while
     * more than the safety margin is left is returned for the caller to report (and retried later);
     * inside the safety margin the lease is given up. Never throws.
     */
    private Throwable extendNow() {
        try {
            Optional<Lease> extended = locks.extend(lease, policy.leaseDuration());
            if (extended.isPresent()) {
                lease = extended.get();
                log.debug("Extended lease on '{}' to {}", lease.key(), lease.expiresAt());
            } else {
                giveUp("the lock service refused to extend it: another owner holds '" + lease.key() + "' now");
            }
            return null;
        } catch (RuntimeException | Error e) {
            if (!outsideSafetyMargin(clock.instant())) {
                giveUp("it expires at " + lease.expiresAt() + " and could not be extended (" + e + ")");
            }
            return e;
        }
    }

    private boolean outsideSafetyMargin(Instant now) {
        return Duration.between(now, lease.expiresAt()).compareTo(policy.safetyMargin()) > 0;
    }

    private void giveUp(String reason) {
        lostReason = reason;
        log.error(
                "Giving up lock '{}' held by '{}' (token {}): {}. This run appends nothing more; a change running "
                        + "now continues but its outcome is not recorded (it stays STARTED).",
                lease.key(),
                lease.owner(),
                lease.token(),
                reason);
    }

    /**
     * Runs on the refresher thread, and never lets anything escape: a task that throws is silently
     * cancelled by its executor, and the lease would then lapse while a change runs.
     */
    private void refreshInBackground() {
        Duration next = period;
        try {
            next = refreshOnce();
        } catch (Throwable unexpected) {
            log.error("Lease refresh of '{}' failed unexpectedly, will retry: {}", lease.key(), unexpected.toString());
            next = MIN_RETRY;
        } finally {
            if (next != null) {
                scheduleRefresh(next);
            }
        }
    }

    /** One background attempt; returns when to try next, or null when the lease is lost. */
    private synchronized Duration refreshOnce() {
        if (closed || lostReason != null) {
            return null;
        }
        Throwable failure = extendNow();
        if (lostReason != null) {
            return null;
        }
        if (failure == null) {
            return period;
        }
        Duration untilMargin =
                Duration.between(clock.instant(), lease.expiresAt()).minus(policy.safetyMargin());
        Duration retry = max(MIN_RETRY, min(period, untilMargin.dividedBy(2)));
        log.warn(
                "Could not extend lease on '{}' (still valid until {}), retrying in {} ms: {}",
                lease.key(),
                lease.expiresAt(),
                retry.toMillis(),
                failure.toString());
        return retry;
    }

    private void scheduleRefresh(Duration delay) {
        try {
            refresher.schedule(this::refreshInBackground, delay.toNanos(), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException closed) {
            log.debug("Lease keeper of '{}' is closed; no further refresh", lease.key());
        }
    }

    private LockLostException lost() {
        return new LockLostException("Lost lock '" + lease.key() + "' held by '" + lease.owner() + "' (token "
                + lease.token() + "): " + lostReason + ". Nothing more was written; the change being run, if any, "
                + "is left STARTED.");
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    /**
     * Stops refreshing and releases the lock if it is still held; a background refresh that was
     * already due does nothing afterwards (it would extend, or report lost, a lease released on
     * purpose). The release does not depend on the
     * calling thread's interrupt flag (backend clients refuse to work on an interrupted thread): the
     * flag is cleared for the release and set again afterwards.
     */
    @Override
    public synchronized void close() {
        closed = true;
        refresher.shutdownNow();
        if (lostReason == null) {
            boolean interrupted = Thread.interrupted();
            try {
                locks.release(lease);
            } catch (RuntimeException e) {
                log.warn(
                        "Could not release lock '{}'; it expires at {}: {}",
                        lease.key(),
                        lease.expiresAt(),
                        e.getMessage());
            } finally {
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }
}
