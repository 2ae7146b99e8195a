package io.tidemark.core.internal.lock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.tidemark.api.ChangeUnit;
import io.tidemark.api.Execution;
import io.tidemark.api.Recovery;
import io.tidemark.core.RunReport;
import io.tidemark.core.Tidemark;
import io.tidemark.core.TidemarkBuilder;
import io.tidemark.core.TidemarkConfig;
import io.tidemark.core.error.LockLostException;
import io.tidemark.core.error.LockTimeoutException;
import io.tidemark.core.memory.InMemoryAuditStore;
import io.tidemark.core.testing.MutableClock;
import io.tidemark.spi.AppendResult;
import io.tidemark.spi.AuditRecord;
import io.tidemark.spi.AuditState;
import io.tidemark.spi.AuditStore;
import io.tidemark.spi.ExecutionHistory;
import io.tidemark.spi.Lease;
import io.tidemark.spi.LockService;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The background lease refresher against failures that are not exceptions: an {@link Error} thrown
 * by the backend client must not silently end the refreshing (the lease would lapse while a change
 * runs, and a second instance would run the same change at the same time).
 *
 * <p>Expiry is decided by a {@link MutableClock} that the test moves; only the refresher's schedule
 * (a third of the lease) runs in real time, so the leases are short (300 ms), and every wait is on a
 * latch with a generous deadline, never a fixed sleep.
 */
class LeaseRefresherFailureTest {

    private static final Duration LEASE = Duration.ofMillis(300);
    private static final Duration WAIT = Duration.ofSeconds(10);

    /** A lock service whose extensions fail as told, counting what happens. */
    static final class FaultyExtensions implements LockService {
        private final LockService locks;
        private final AtomicInteger errorsToThrow = new AtomicInteger();
        private volatile Error error = new StackOverflowError("simulated: the backend client overflowed its stack");
        private final AtomicInteger attempts = new AtomicInteger();
        private final CountDownLatch firstFailure = new CountDownLatch(1);
        private final CountDownLatch extendedAfterFailure = new CountDownLatch(1);

        FaultyExtensions(LockService locks) {
            this.locks = locks;
        }

        void failNextWithError(int times) {
            errorsToThrow.set(times);
        }

        void failNextWith(Error value) {
            error = value;
            errorsToThrow.set(1);
        }

        @Override
        public Optional<Lease> tryAcquire(String key, String owner, Duration duration) {
            return locks.tryAcquire(key, owner, duration);
        }

        @Override
        public Optional<Lease> extend(Lease lease, Duration duration) {
            attempts.incrementAndGet();
            if (errorsToThrow.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                firstFailure.countDown();
                throw error;
            }
            Optional<Lease> extended = locks.extend(lease, duration);
            if (extended.isPresent() && firstFailure.getCount() == 0) {
                extendedAfterFailure.countDown();
            }
            return extended;
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

    /** A store that hands out another lock service, everything else delegated. */
    record WithLocks(AuditStore store, LockService locks) implements AuditStore {
        @Override
        public void initialize() {
            store.initialize();
        }

        @Override
        public AppendResult append(AuditRecord record) {
            return store.append(record);
        }

        @Override
        public ExecutionHistory history() {
            return store.history();
        }

        @Override
        public LockService lockService() {
            return locks;
        }

        @Override
        public String describe() {
            return store.describe() + " (faulty lock extensions)";
        }
    }

    /** What the long-running change does on its first execution; shared with the change unit. */
    static final AtomicReference<Runnable> FIRST_EXECUTION = new AtomicReference<>();

    static final AtomicInteger EXECUTIONS = new AtomicInteger();

    @ChangeUnit(id = "long-reindex", order = "1", recovery = Recovery.RETRY)
    public static final class LongReindex {
        @Execution
        public void apply() {
            if (EXECUTIONS.incrementAndGet() == 1) {
                FIRST_EXECUTION.get().run();
            }
        }
    }

    private final MutableClock clock = MutableClock.atFixedStart();
    private final InMemoryAuditStore store = new InMemoryAuditStore(clock);

    private TidemarkBuilder engine(AuditStore on, String instance) {
        return Tidemark.builder()
                .auditStore(on)
                .configuration(TidemarkConfig.of())
                .changeUnits(LongReindex.class)
                .clock(clock)
                .sleeper(pause -> {})
                .leaseDuration(LEASE)
                .instanceId(instance);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void anErrorInTheFirstExtensionDoesNotEndTheRefreshingAndTheChangeRunsOnce() {
        EXECUTIONS.set(0);
        FaultyExtensions locks = new FaultyExtensions(store.lockService());
        locks.failNextWithError(1);
        AtomicReference<Throwable> secondInstance = new AtomicReference<>();
        FIRST_EXECUTION.set(() -> {
            await(locks.firstFailure);
            clock.advance(LEASE.multipliedBy(2).dividedBy(3));
            await(locks.extendedAfterFailure);
            clock.advance(LEASE.multipliedBy(2).dividedBy(3));
            // the change has now run longer than one lease; a second instance starts
            secondInstance.set(catchThrowable(() -> CompletableFuture.supplyAsync(
                            () -> engine(store.sharingDataWith(clock), "second")
                                    .lockTimeout(Duration.ZERO)
                                    .build()
                                    .run())
                    .get(WAIT.toMillis(), TimeUnit.MILLISECONDS)));
        });

        AtomicReference<RunReport> first = new AtomicReference<>();
        Throwable firstFailure = catchThrowable(() ->
                first.set(engine(new WithLocks(store, locks), "first").build().run()));

        assertThat(locks.firstFailure.getCount())
                .as("the first extension failed")
                .isZero();
        assertThat(EXECUTIONS.get()).as("executions of the change").isEqualTo(1);
        assertThat(secondInstance.get())
                .as("the second instance found the lock held")
                .hasRootCauseInstanceOf(LockTimeoutException.class);
        assertThat(firstFailure).isNull();
        assertThat(first.get().applied()).hasSize(1);
        assertThat(store.history().readAll("default").map(AuditRecord::state).toList())
                .containsExactly(AuditState.STARTED, AuditState.APPLIED, AuditState.CHECKPOINT);
    }

    @Test
    void aLeaseThatCannotBeExtendedIsGivenUpBeforeItExpiresAndNothingMoreIsWritten() {
        FaultyExtensions locks = new FaultyExtensions(store.lockService());
        Lease lease = locks.tryAcquire("k", "me", LEASE).orElseThrow();
        LockPolicy policy = LockPolicy.DEFAULT.withLeaseDuration(LEASE);
        locks.failNextWithError(Integer.MAX_VALUE);
        Instant expiry = lease.expiresAt();

        try (LeaseKeeper keeper = new LeaseKeeper(locks, lease, policy, clock)) {
            clock.advance(LEASE.minus(policy.safetyMargin().dividedBy(2)));
            await(locks.firstFailure);
            int attemptsWhenGivenUp = locks.attempts.get();

            LockLostException lost = catchThrowableOfType(LockLostException.class, keeper::ensureValid);

            assertThat(clock.instant()).as("still before the expiry").isBefore(expiry);
            assertThat(lost)
                    .isNotNull()
                    .hasMessageContaining("could not be extended")
                    .hasMessageContaining("StackOverflowError");
            assertThat(locks.attempts.get())
                    .as("no extension attempted once given up")
                    .isEqualTo(attemptsWhenGivenUp);
            assertThat(catchThrowableOfType(LockLostException.class, keeper::ensureValid))
                    .isNotNull();
        }
        assertThat(store.lockService().inspect("k"))
                .as("a lease given up is not released: it may be someone else's")
                .map(Lease::owner)
                .contains("me");
    }

    @Test
    void anErrorFromAnExtensionOnTheRunsOwnThreadLosesTheLeaseInsteadOfEscaping() {
        FaultyExtensions locks = new FaultyExtensions(store.lockService());
        Lease lease = locks.tryAcquire("k", "me", Duration.ofMinutes(1)).orElseThrow();
        LockPolicy policy = LockPolicy.DEFAULT.withLeaseDuration(Duration.ofMinutes(1));

        try (LeaseKeeper keeper = new LeaseKeeper(locks, lease, policy, clock)) {
            clock.advance(Duration.ofSeconds(57));
            locks.failNextWith(new NoSuchMethodError("simulated: a client library of the wrong version"));

            Throwable thrown = catchThrowable(keeper::ensureValid);

            assertThat(thrown).isInstanceOf(LockLostException.class).hasMessageContaining("NoSuchMethodError");
        }
    }

    @Test
    void aVirtualMachineErrorOnTheRunsOwnThreadIsRethrownAndNothingMoreIsWritten() {
        FaultyExtensions locks = new FaultyExtensions(store.lockService());
        Lease lease = locks.tryAcquire("k", "me", Duration.ofMinutes(1)).orElseThrow();
        LockPolicy policy = LockPolicy.DEFAULT.withLeaseDuration(Duration.ofMinutes(1));

        try (LeaseKeeper keeper = new LeaseKeeper(locks, lease, policy, clock)) {
            clock.advance(Duration.ofSeconds(45));
            locks.failNextWith(new OutOfMemoryError("simulated"));

            assertThat(catchThrowable(keeper::ensureValid)).isInstanceOf(OutOfMemoryError.class);
            assertThat(catchThrowable(keeper::ensureValid))
                    .isInstanceOf(LockLostException.class)
                    .hasMessageContaining("OutOfMemoryError");
        }
    }
}
