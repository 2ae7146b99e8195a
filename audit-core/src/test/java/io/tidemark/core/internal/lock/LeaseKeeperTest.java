package io.tidemark.core.internal.lock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.tidemark.core.error.LockLostException;
import io.tidemark.core.error.StoreUnavailableException;
import io.tidemark.core.memory.InMemoryAuditStore;
import io.tidemark.core.testing.MutableClock;
import io.tidemark.spi.Lease;
import io.tidemark.spi.LockService;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** How the lease keeper reacts when extending fails: transiently, for good, or with an unexpected exception. */
class LeaseKeeperTest {

    private static final LockPolicy POLICY = LockPolicy.DEFAULT.withLeaseDuration(Duration.ofSeconds(60));

    /** The reference lock service, with extension failing as told. */
    private static final class FailingExtensions implements LockService {
        private final LockService locks;
        private final AtomicReference<RuntimeException> failure = new AtomicReference<>();
        private final AtomicInteger failuresLeft = new AtomicInteger();

        FailingExtensions(LockService locks) {
            this.locks = locks;
        }

        void failNext(int times, RuntimeException with) {
            failure.set(with);
            failuresLeft.set(times);
        }

        @Override
        public Optional<Lease> tryAcquire(String key, String owner, Duration duration) {
            return locks.tryAcquire(key, owner, duration);
        }

        @Override
        public Optional<Lease> extend(Lease lease, Duration duration) {
            if (failuresLeft.getAndDecrement() > 0) {
                throw failure.get();
            }
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

    private final MutableClock clock = MutableClock.atFixedStart();
    private final FailingExtensions locks = new FailingExtensions(new InMemoryAuditStore(clock).lockService());

    private LeaseKeeper keep(Clock on) {
        Lease lease = locks.tryAcquire("k", "me", POLICY.leaseDuration()).orElseThrow();
        return new LeaseKeeper(locks, lease, POLICY, on);
    }

    @Test
    void aFailedExtensionWhileTheLeaseIsStillGoodIsRetriedLater() {
        try (LeaseKeeper keeper = keep(clock)) {
            clock.advance(Duration.ofSeconds(40));
            locks.failNext(1, new StoreUnavailableException("blip"));

            Lease stillGood = keeper.ensureValid();
            Lease extended = keeper.ensureValid();

            assertThat(stillGood.expiresAt()).isEqualTo(clock.instant().plusSeconds(20));
            assertThat(extended.expiresAt()).isEqualTo(clock.instant().plusSeconds(60));
        }
    }

    @Test
    void aFailedExtensionInsideTheSafetyMarginLosesTheLease() {
        try (LeaseKeeper keeper = keep(clock)) {
            clock.advance(Duration.ofSeconds(55));
            locks.failNext(1, new StoreUnavailableException("outage"));

            LockLostException lost = catchThrowableOfType(LockLostException.class, keeper::ensureValid);

            assertThat(lost).hasMessageContaining("could not be extended").hasMessageContaining("outage");
            assertThat(catchThrowableOfType(LockLostException.class, keeper::ensureValid))
                    .isNotNull();
        }
    }

    @Test
    void anUnexpectedExceptionIsHandledLikeAFailureNotThrownRaw() {
        try (LeaseKeeper keeper = keep(clock)) {
            clock.advance(Duration.ofSeconds(59));
            locks.failNext(1, new IllegalStateException("state should be: open"));

            LockLostException lost = catchThrowableOfType(LockLostException.class, keeper::ensureValid);

            assertThat(lost).hasMessageContaining("state should be: open");
        }
    }

    @Test
    void theBackgroundRefresherSurvivesAnUnexpectedException() throws InterruptedException {
        LockPolicy shortLeases = LockPolicy.DEFAULT.withLeaseDuration(Duration.ofMillis(600));
        Clock real = Clock.systemUTC();
        FailingExtensions realLocks = new FailingExtensions(new InMemoryAuditStore(real).lockService());
        Lease lease =
                realLocks.tryAcquire("k", "me", shortLeases.leaseDuration()).orElseThrow();
        realLocks.failNext(1, new IllegalStateException("first refresh fails"));
        try (LeaseKeeper keeper = new LeaseKeeper(realLocks, lease, shortLeases, real)) {
            Instant deadline = real.instant().plusSeconds(10);
            while (!keeper.current().expiresAt().isAfter(lease.expiresAt())
                    && real.instant().isBefore(deadline)) {
                Thread.sleep(20);
            }

            assertThat(realLocks.failuresLeft.get()).isNegative();
            assertThat(keeper.current().expiresAt()).isAfter(lease.expiresAt());
        }
    }

    @Test
    void aRefusedExtensionLosesTheLease() {
        try (LeaseKeeper keeper = keep(clock)) {
            clock.advance(Duration.ofSeconds(61));
            locks.tryAcquire("k", "usurper", Duration.ofMinutes(5)).orElseThrow();
            clock.advance(Duration.ofSeconds(1));

            assertThat(catchThrowableOfType(LockLostException.class, keeper::ensureValid))
                    .hasMessageContaining("another owner holds 'k'");
        }
    }
}
