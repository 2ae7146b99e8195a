package io.tidemark.core.internal.lock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.tidemark.core.error.LockTimeoutException;
import io.tidemark.core.error.RunInterruptedException;
import io.tidemark.core.error.StoreUnavailableException;
import io.tidemark.core.memory.InMemoryAuditStore;
import io.tidemark.core.testing.MutableClock;
import io.tidemark.spi.Lease;
import io.tidemark.spi.LockService;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** How a waiting instance stops waiting: never later than its timeout, and never leaving the lock held behind it. */
class LockAcquirerGivingUpTest {

    /** Far more pauses than any wait of the policy's timeout needs: reaching it means the wait would never end. */
    private static final int RUNAWAY_PAUSES = 100_000;

    /**
     * A clock that does not move while the thread sleeps (a frozen test clock, or a wall clock stepped back
     * by NTP) must not make the wait endless: the pauses slept count towards the timeout too.
     */
    @Test
    void aWaitEndsAtTheTimeoutEvenWhenTheClockDoesNotMove() {
        Clock frozen = Clock.fixed(Instant.parse("2026-03-01T09:00:00Z"), ZoneOffset.UTC);
        InMemoryAuditStore store = new InMemoryAuditStore(frozen);
        store.lockService().tryAcquire("k", "holder", Duration.ofMinutes(10)).orElseThrow();
        AtomicInteger pauses = new AtomicInteger();
        LockAcquirer waiter = new LockAcquirer(
                store.lockService(), LockPolicy.DEFAULT.withTimeout(Duration.ofSeconds(30)), frozen, pause -> {
                    if (pauses.incrementAndGet() > RUNAWAY_PAUSES) {
                        throw new AssertionError("still waiting after " + RUNAWAY_PAUSES + " pauses");
                    }
                });

        Throwable thrown = catchThrowable(() -> waiter.acquire("k", "waiter"));

        assertThat(thrown).isInstanceOf(LockTimeoutException.class).hasMessageContaining("holder");
    }

    /**
     * An attempt whose answer is lost (the client gave up, or the thread was interrupted while waiting for
     * the server) may have taken the lock all the same. When the waiter then stops, interrupted, it gives
     * such a lock back instead of leaving it held by nobody until its lease runs out.
     */
    @Test
    void aWaiterInterruptedAfterAnAttemptWithALostAnswerLeavesTheLockFree() {
        MutableClock clock = MutableClock.atFixedStart();
        InMemoryAuditStore store = new InMemoryAuditStore(clock);
        Lease holder = store.lockService()
                .tryAcquire("k", "holder", Duration.ofMinutes(10))
                .orElseThrow();
        LostAnswers locks = new LostAnswers(store.lockService());
        AtomicInteger pauses = new AtomicInteger();
        LockAcquirer waiter = new LockAcquirer(locks, LockPolicy.DEFAULT, clock, pause -> {
            clock.advance(pause);
            if (locks.answerLost.get()) {
                throw new InterruptedException("stopped while waiting");
            }
            if (pauses.incrementAndGet() == 5) {
                store.lockService().release(holder);
                locks.loseNextAnswer.set(true);
            }
        });

        Throwable thrown = catchThrowable(() -> waiter.acquire("k", "waiter"));
        boolean interruptFlag = Thread.interrupted();

        assertThat(thrown).isInstanceOf(RunInterruptedException.class);
        assertThat(interruptFlag).as("the interrupt is handed back").isTrue();
        assertThat(locks.answerLost).as("the lost answer had taken the lock").isTrue();
        assertThat(store.lockService().inspect("k"))
                .as("the lock the lost answer took was given back")
                .isEmpty();
    }

    /** The same when the last attempt before the timeout lost its answer: the store failure is thrown, the lock is free. */
    @Test
    void aWaiterTimingOutAfterAnAttemptWithALostAnswerLeavesTheLockFree() {
        MutableClock clock = MutableClock.atFixedStart();
        InMemoryAuditStore store = new InMemoryAuditStore(clock);
        Lease holder = store.lockService()
                .tryAcquire("k", "holder", Duration.ofMinutes(10))
                .orElseThrow();
        LostAnswers locks = new LostAnswers(store.lockService());
        Duration timeout = Duration.ofSeconds(30);
        Instant deadline = clock.instant().plus(timeout);
        LockAcquirer waiter = new LockAcquirer(locks, LockPolicy.DEFAULT.withTimeout(timeout), clock, pause -> {
            clock.advance(pause);
            if (!clock.instant().isBefore(deadline) && !locks.answerLost.get()) {
                store.lockService().release(holder);
                locks.loseNextAnswer.set(true);
            }
        });

        Throwable thrown = catchThrowable(() -> waiter.acquire("k", "waiter"));

        assertThat(thrown).isInstanceOf(StoreUnavailableException.class).hasMessageContaining("answer lost");
        assertThat(locks.answerLost).as("the lost answer had taken the lock").isTrue();
        assertThat(store.lockService().inspect("k"))
                .as("the lock the lost answer took was given back")
                .isEmpty();
    }

    /** The reference lock service, except that the answer to one acquisition is lost after the lock was taken. */
    private static final class LostAnswers implements LockService {
        private final LockService locks;
        final AtomicBoolean loseNextAnswer = new AtomicBoolean();
        final AtomicBoolean answerLost = new AtomicBoolean();

        LostAnswers(LockService locks) {
            this.locks = locks;
        }

        @Override
        public Optional<Lease> tryAcquire(String key, String owner, Duration duration) {
            Optional<Lease> taken = locks.tryAcquire(key, owner, duration);
            if (taken.isPresent() && loseNextAnswer.getAndSet(false)) {
                answerLost.set(true);
                throw new StoreUnavailableException("answer lost: the client stopped waiting for the server");
            }
            return taken;
        }

        @Override
        public Optional<Lease> extend(Lease lease, Duration duration) {
            return locks.extend(lease, duration);
        }

        @Override
        public void release(Lease lease) {
            locks.release(lease);
        }

        @Override
        public Optional<Lease> inspect(String key) {
            return locks.inspect(key);
        }
    }
}
