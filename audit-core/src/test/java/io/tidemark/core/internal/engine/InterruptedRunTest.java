package io.tidemark.core.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.tidemark.api.ChangeContext;
import io.tidemark.api.ChangeUnit;
import io.tidemark.api.Execution;
import io.tidemark.core.ChangeOutcome;
import io.tidemark.core.ChangeResult;
import io.tidemark.core.Tidemark;
import io.tidemark.core.TidemarkBuilder;
import io.tidemark.core.TidemarkConfig;
import io.tidemark.core.error.RunInterruptedException;
import io.tidemark.core.memory.InMemoryAuditStore;
import io.tidemark.core.testing.MutableClock;
import io.tidemark.spi.AuditRecord;
import io.tidemark.spi.AuditState;
import io.tidemark.tck.changes.ChangeTarget;
import io.tidemark.tck.changes.SampleChanges;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * An interrupt of the thread running the engine, sent by another thread while a change runs, stops
 * the run before the next change: the running change's outcome is recorded, the lock released and the
 * interrupt handed back. (A change that interrupts itself is covered by the engine contract, on every
 * backend.)
 */
class InterruptedRunTest {

    static final CountDownLatch STARTED = new CountDownLatch(1);
    static final AtomicReference<Thread> ENGINE_THREAD = new AtomicReference<>();
    static final AtomicBoolean SAW_INTERRUPT = new AtomicBoolean();

    private final MutableClock clock = MutableClock.atFixedStart();
    private final InMemoryAuditStore store = new InMemoryAuditStore(clock);
    private final ChangeTarget target = new ChangeTarget();

    /** Works until its thread is interrupted (without blocking in an interruptible call), then returns. */
    @ChangeUnit(id = "long-backfill", order = "1.5")
    public static final class LongBackfill {
        @Execution
        public void apply(ChangeContext context) {
            ENGINE_THREAD.set(Thread.currentThread());
            STARTED.countDown();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (!Thread.currentThread().isInterrupted() && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            SAW_INTERRUPT.set(Thread.currentThread().isInterrupted());
            context.putMetadata("stopped-early", "true");
        }
    }

    private TidemarkBuilder engine(Class<?>... changeUnits) {
        return Tidemark.builder()
                .auditStore(store)
                .configuration(TidemarkConfig.of())
                .changeUnits(changeUnits)
                .dependency(ChangeTarget.class, target)
                .clock(clock)
                .sleeper(clock::advance);
    }

    private List<AuditRecord> history() {
        return store.history().readAll("default").toList();
    }

    @Test
    void anInterruptFromAnotherThreadStopsTheRunBeforeTheNextChange() throws Exception {
        Class<?>[] changes = {SampleChanges.CreateAccounts.class, LongBackfill.class, SampleChanges.SeedAccounts.class};
        Tidemark tidemark = engine(changes).build();
        AtomicBoolean flagAfterRun = new AtomicBoolean();
        CompletableFuture<Void> running = CompletableFuture.runAsync(() -> {
            try {
                tidemark.run();
            } finally {
                flagAfterRun.set(Thread.interrupted());
            }
        });

        assertThat(STARTED.await(30, TimeUnit.SECONDS)).isTrue();
        ENGINE_THREAD.get().interrupt();
        ExecutionException failure =
                catchThrowableOfType(ExecutionException.class, () -> running.get(30, TimeUnit.SECONDS));

        assertThat(SAW_INTERRUPT.get()).isTrue();
        assertThat(failure.getCause())
                .isInstanceOf(RunInterruptedException.class)
                .hasMessageContaining("long-backfill")
                .hasMessageContaining("seed-accounts");
        RunInterruptedException interrupted = (RunInterruptedException) failure.getCause();
        assertThat(interrupted.report())
                .hasValueSatisfying(report -> assertThat(report.changes())
                        .extracting(ChangeResult::outcome)
                        .containsExactly(ChangeOutcome.APPLIED, ChangeOutcome.APPLIED, ChangeOutcome.NOT_REACHED));
        assertThat(flagAfterRun.get()).as("the interrupt is handed back").isTrue();
        assertThat(history())
                .extracting(AuditRecord::state)
                .containsExactly(AuditState.STARTED, AuditState.APPLIED, AuditState.STARTED, AuditState.APPLIED);
        assertThat(history().get(3).metadata()).containsEntry("stopped-early", "true");
        assertThat(target.attempts("seed-accounts")).isZero();
        assertThat(store.lockService().inspect("default")).isEmpty();
    }

    @Test
    void aThreadInterruptedBeforeTheRunReadsAndWritesNothing() {
        long before = store.requestCount();
        Thread.currentThread().interrupt();
        RunInterruptedException interrupted;
        boolean flagAfterRun;
        try {
            interrupted = catchThrowableOfType(
                    RunInterruptedException.class,
                    () -> engine(SampleChanges.CreateAccounts.class).build().run());
        } finally {
            flagAfterRun = Thread.interrupted();
        }

        assertThat(interrupted).hasMessageContaining("already interrupted");
        assertThat(flagAfterRun).isTrue();
        assertThat(store.requestCount()).isEqualTo(before);
    }
}
