package io.tidemark.core.internal.lock;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.core.memory.InMemoryAuditStore;
import io.tidemark.core.testing.CapturedLog;
import io.tidemark.core.testing.MutableClock;
import io.tidemark.spi.Lease;
import io.tidemark.spi.LockService;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Closing a keeper ends its refreshing for good: a background refresh that was already due when the
 * keeper closed does not extend the released lease afterwards, nor report it lost.
 *
 * <p>The refresher's schedule runs in real time (a third of a 30 ms lease); the test holds the keeper's
 * monitor until the due refresh is waiting for it, closes the keeper, and waits for the refresher thread
 * to end, with generous deadlines and no fixed sleep.
 */
class LeaseKeeperCloseTest {

    private static final Duration LEASE = Duration.ofMillis(30);
    private static final Duration WAIT = Duration.ofSeconds(10);

    @Test
    void aRefreshDueWhileTheKeeperClosesDoesNotTouchTheReleasedLease() throws InterruptedException {
        MutableClock clock = MutableClock.atFixedStart();
        CountingLocks locks = new CountingLocks(new InMemoryAuditStore(clock).lockService());
        Lease lease = locks.tryAcquire("close-race", "me", LEASE).orElseThrow();
        LockPolicy policy = LockPolicy.DEFAULT.withLeaseDuration(LEASE);

        try (CapturedLog log = CapturedLog.start()) {
            LeaseKeeper keeper = new LeaseKeeper(locks, lease, policy, clock);
            Thread refresher;
            synchronized (keeper) {
                refresher = awaitBlockedRefresher("tidemark-lease-close-race");
                keeper.close();
            }
            refresher.join(WAIT.toMillis());

            assertThat(refresher.isAlive()).as("the refresher thread ended").isFalse();
            assertThat(locks.released).as("the lock was released").isTrue();
            assertThat(locks.extensionsAfterRelease.get())
                    .as("extensions attempted after the release")
                    .isZero();
            assertThat(log.linesContaining("Giving up lock 'close-race'"))
                    .as("ERROR lines about a lease lost after a clean close")
                    .isEmpty();
        }
    }

    /** The refresher thread once it waits for the keeper's monitor (its refresh is due). */
    private static Thread awaitBlockedRefresher(String name) throws InterruptedException {
        Instant deadline = Instant.now().plus(WAIT);
        while (Instant.now().isBefore(deadline)) {
            for (Thread thread : Thread.getAllStackTraces().keySet()) {
                if (thread.getName().equals(name) && thread.getState() == Thread.State.BLOCKED) {
                    return thread;
                }
            }
            Thread.sleep(1);
        }
        throw new AssertionError("the refresher never became due within " + WAIT);
    }

    /** The reference lock service, noting extensions attempted after the release. */
    private static final class CountingLocks implements LockService {
        private final LockService locks;
        final AtomicInteger extensionsAfterRelease = new AtomicInteger();
        volatile boolean released;

        CountingLocks(LockService locks) {
            this.locks = locks;
        }

        @Override
        public Optional<Lease> tryAcquire(String key, String owner, Duration duration) {
            return locks.tryAcquire(key, owner, duration);
        }

        @Override
        public Optional<Lease> extend(Lease lease, Duration duration) {
            if (released) {
                extensionsAfterRelease.incrementAndGet();
            }
            return locks.extend(lease, duration);
        }

        @Override
        public void release(Lease lease) {
            locks.release(lease);
            released = true;
        }

        @Override
        public Optional<Lease> inspect(String key) {
            return locks.inspect(key);
        }
    }
}
