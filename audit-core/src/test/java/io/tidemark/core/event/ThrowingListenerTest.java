package io.tidemark.core.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.tidemark.core.ChangeResult;
import io.tidemark.core.RunReport;
import io.tidemark.core.Tidemark;
import io.tidemark.core.TidemarkBuilder;
import io.tidemark.core.TidemarkConfig;
import io.tidemark.core.error.ChangeFailedException;
import io.tidemark.core.memory.InMemoryAuditStore;
import io.tidemark.core.testing.CapturedLog;
import io.tidemark.core.testing.MutableClock;
import io.tidemark.core.testing.RecordingListener;
import io.tidemark.spi.AuditRecord;
import io.tidemark.tck.changes.ChangeTarget;
import io.tidemark.tck.changes.SampleChanges;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A listener that throws changes nothing: not the run's outcome, its records, nor what other listeners receive. */
class ThrowingListenerTest {

    private static final Class<?>[] CHANGES = {
        SampleChanges.CreateAccounts.class,
        SampleChanges.SeedAccounts.class,
        SampleChanges.WithRollback.class,
        SampleChanges.Last.class
    };

    /** Throws on every event, a different throwable each time it is called. */
    private static final class Throwing implements TidemarkListener {
        private int calls;

        @Override
        public void onEvent(TidemarkEvent event) {
            calls++;
            if (calls % 2 == 0) {
                throw new AssertionError("listener error on " + event.getClass().getSimpleName());
            }
            throw new IllegalStateException(
                    "listener failure on " + event.getClass().getSimpleName());
        }

        @Override
        public String toString() {
            return "Throwing";
        }
    }

    /** One run on a fresh store, with or without a throwing listener before and after the recording one. */
    private static Outcome runOnce(boolean withThrowingListeners, boolean failing) {
        MutableClock clock = MutableClock.atFixedStart();
        InMemoryAuditStore store = new InMemoryAuditStore(clock);
        ChangeTarget target = new ChangeTarget();
        target.setFailing("with-rollback", failing);
        RecordingListener recorder = new RecordingListener();
        TidemarkBuilder builder = Tidemark.builder()
                .auditStore(store)
                .configuration(TidemarkConfig.of())
                .changeUnits(CHANGES)
                .dependency(ChangeTarget.class, target)
                .clock(clock)
                .sleeper(clock::advance)
                .instanceId("instance");
        if (withThrowingListeners) {
            builder.listener(new Throwing());
        }
        builder.listener(recorder);
        if (withThrowingListeners) {
            builder.listener(new Throwing());
        }
        RunReport report;
        try {
            report = builder.build().run();
        } catch (ChangeFailedException e) {
            report = e.report();
        }
        List<String> states = store.history()
                .readAll("default")
                .map(r -> r.changeId() + ":" + r.state())
                .toList();
        return new Outcome(
                report.changes(),
                states,
                recorder.types(),
                target.applied("seed-accounts"),
                target.rollbacks("with-rollback"));
    }

    private record Outcome(
            List<ChangeResult> results, List<String> records, List<String> events, int seeded, int rolledBack) {}

    @Test
    void aSuccessfulRunIsTheSameWithListenersThatThrowOnEveryEvent() {
        Outcome quiet = runOnce(false, false);

        Outcome noisy;
        try (CapturedLog ignored = CapturedLog.start()) {
            noisy = runOnce(true, false);
        }

        assertThat(noisy).isEqualTo(quiet);
        assertThat(noisy.events()).first().isEqualTo("RunStarted");
        assertThat(noisy.events()).last().isEqualTo("RunFinished");
        assertThat(noisy.seeded()).isEqualTo(1);
    }

    @Test
    void aFailingRunFailsWithItsOwnExceptionAndTheSameRecords() {
        Outcome quiet = runOnce(false, true);

        Outcome noisy;
        try (CapturedLog ignored = CapturedLog.start()) {
            noisy = runOnce(true, true);
        }

        assertThat(noisy).isEqualTo(quiet);
        assertThat(noisy.events()).containsSubsequence("ChangeFailed", "ChangeRolledBack", "RunFailed");
        assertThat(noisy.rolledBack()).isEqualTo(1);
        MutableClock clock = MutableClock.atFixedStart();
        ChangeTarget target = new ChangeTarget();
        target.setFailing("with-rollback", true);
        ChangeFailedException failure = catchThrowableOfType(
                ChangeFailedException.class,
                () -> Tidemark.builder()
                        .auditStore(new InMemoryAuditStore(clock))
                        .configuration(TidemarkConfig.of())
                        .changeUnits(CHANGES)
                        .dependency(ChangeTarget.class, target)
                        .clock(clock)
                        .listener(new Throwing())
                        .build()
                        .run());
        assertThat(failure.getCause()).hasMessage("simulated failure of with-rollback");
        assertThat(failure.getSuppressed()).isEmpty();
    }

    @Test
    void aThrowingListenerIsLoggedAtWarnOncePerEventTypeInARun() {
        List<String> warnings;
        try (CapturedLog log = CapturedLog.start()) {
            runOnce(true, false);
            warnings = log.linesContaining("Listener Throwing threw on");
        }

        // Two throwing listeners; four changes, so four ChangeStarted and four ChangeApplied events each.
        assertThat(warnings)
                .allSatisfy(line -> assertThat(line).contains("WARN").contains("the run goes on"));
        assertThat(warnings)
                .filteredOn(line -> line.contains("threw on ChangeStarted"))
                .hasSize(2);
        assertThat(warnings)
                .filteredOn(line -> line.contains("threw on ChangeApplied"))
                .hasSize(2);
        assertThat(warnings)
                .filteredOn(line -> line.contains("threw on RunStarted"))
                .hasSize(2);
        assertThat(warnings)
                .hasSize(2
                        * List.of(
                                        "RunStarted",
                                        "LockAcquired",
                                        "ChangeStarted",
                                        "ChangeApplied",
                                        "CheckpointWritten",
                                        "RunFinished")
                                .size());
    }

    @Test
    void aRecordWrittenWhileAListenerThrowsIsIntact() {
        MutableClock clock = MutableClock.atFixedStart();
        InMemoryAuditStore store = new InMemoryAuditStore(clock);
        try (CapturedLog ignored = CapturedLog.start()) {
            Tidemark tidemark = Tidemark.builder()
                    .auditStore(store)
                    .configuration(TidemarkConfig.of())
                    .changeUnits(SampleChanges.CreateAccounts.class)
                    .dependency(ChangeTarget.class, new ChangeTarget())
                    .clock(clock)
                    .listener(new Throwing())
                    .build();
            tidemark.run();
            assertThat(tidemark.operator().verify().isIntact()).isTrue();
        }
        assertThat(store.history()
                        .readAll("default")
                        .map(AuditRecord::state)
                        .map(Enum::name)
                        .toList())
                .containsExactly("STARTED", "APPLIED", "CHECKPOINT");
        assertThat(store.lockService().inspect("default"))
                .as("the lock was released")
                .isEmpty();
    }
}
