package io.tidemark.core.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.tidemark.core.RunReport;
import io.tidemark.core.Tidemark;
import io.tidemark.core.TidemarkBuilder;
import io.tidemark.core.TidemarkConfig;
import io.tidemark.core.error.ChangeFailedException;
import io.tidemark.core.error.IssuesPendingException;
import io.tidemark.core.error.LockTimeoutException;
import io.tidemark.core.error.RunInterruptedException;
import io.tidemark.core.error.StoreUnavailableException;
import io.tidemark.core.memory.InMemoryAuditStore;
import io.tidemark.core.testing.MutableClock;
import io.tidemark.core.testing.RecordingListener;
import io.tidemark.spi.AuditState;
import io.tidemark.spi.Lease;
import io.tidemark.tck.changes.ChangeTarget;
import io.tidemark.tck.changes.SampleChanges;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** Which events a run sends, in which order, with what in them: on the in-memory store. */
class ListenerOrderTest {

    private final MutableClock clock = MutableClock.atFixedStart();
    private final InMemoryAuditStore store = new InMemoryAuditStore(clock);
    private final ChangeTarget target = new ChangeTarget();
    private final RecordingListener listener = new RecordingListener();

    private TidemarkBuilder engine(Class<?>... changeUnits) {
        return Tidemark.builder()
                .auditStore(store)
                .configuration(TidemarkConfig.of())
                .changeUnits(changeUnits)
                .dependency(ChangeTarget.class, target)
                .clock(clock)
                .sleeper(clock::advance)
                .listener(listener);
    }

    private static Class<?>[] basic() {
        return SampleChanges.BASIC.toArray(Class<?>[]::new);
    }

    @Test
    void aSuccessfulRunSendsEveryStepInOrderOnTheRunsThread() {
        RunReport report = engine(basic()).build().run();

        assertThat(listener.types())
                .containsExactly(
                        "RunStarted",
                        "LockAcquired",
                        "ChangeStarted",
                        "ChangeApplied",
                        "ChangeStarted",
                        "ChangeApplied",
                        "ChangeStarted",
                        "ChangeApplied",
                        "ChangeStarted",
                        "ChangeApplied",
                        "CheckpointWritten",
                        "RunFinished");
        assertThat(listener.events()).allSatisfy(event -> {
            assertThat(event.chain()).isEqualTo("default");
            assertThat(event.executionId()).isEqualTo(report.executionId());
            assertThat(event.at()).isEqualTo(clock.instant());
        });
        assertThat(listener.threads()).containsOnly(Thread.currentThread());

        RunStarted started = listener.ofType(RunStarted.class).get(0);
        assertThat(started.store()).isEqualTo("memory");
        assertThat(started.changeUnits()).isEqualTo(4);
        LockAcquired acquired = listener.ofType(LockAcquired.class).get(0);
        assertThat(acquired.waited()).isEqualTo(Duration.ZERO);
        assertThat(acquired.token()).isPositive();
        assertThat(listener.ofType(ChangeStarted.class))
                .extracting(
                        ChangeStarted::changeId, ChangeStarted::position, ChangeStarted::total, ChangeStarted::rerun)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("create-accounts", 1, 4, false),
                        org.assertj.core.groups.Tuple.tuple("seed-accounts", 2, 4, false),
                        org.assertj.core.groups.Tuple.tuple("add-email-index", 3, 4, false),
                        org.assertj.core.groups.Tuple.tuple("backfill-emails", 4, 4, false));
        assertThat(listener.ofType(ChangeApplied.class))
                .extracting(ChangeApplied::changeId)
                .containsExactlyElementsOf(SampleChanges.BASIC_IDS);
        assertThat(listener.ofType(ChangeApplied.class))
                .extracting(ChangeApplied::position)
                .containsExactly(1, 2, 3, 4);
        CheckpointWritten checkpoint = listener.ofType(CheckpointWritten.class).get(0);
        assertThat(checkpoint.seq()).isEqualTo(report.tipSeq()).isEqualTo(9);
        assertThat(store.history().tip("default").orElseThrow().state()).isEqualTo(AuditState.CHECKPOINT);
        assertThat(listener.ofType(RunFinished.class).get(0).report()).isSameAs(report);
    }

    @Test
    void aChangeTakesTheDurationItsRecordHolds() {
        target.onExecute("seed-accounts", () -> clock.advance(Duration.ofMillis(1_250)));

        engine(basic()).build().run();

        assertThat(listener.ofType(ChangeApplied.class))
                .extracting(ChangeApplied::changeId, ChangeApplied::duration)
                .contains(org.assertj.core.groups.Tuple.tuple("seed-accounts", Duration.ofMillis(1_250)));
        assertThat(store.history()
                        .readAll("default")
                        .filter(r -> r.changeId().equals("seed-accounts") && r.state() == AuditState.APPLIED)
                        .findFirst()
                        .orElseThrow()
                        .durationMillis())
                .isEqualTo(1_250);
    }

    @Test
    void aRunWithNothingToDoSendsOnlyItsStartAndItsEnd() {
        engine(basic()).build().run();
        listener.clear();

        RunReport idle = engine(basic()).build().run();

        assertThat(listener.types()).containsExactly("RunStarted", "RunFinished");
        assertThat(listener.ofType(RunFinished.class).get(0).report()).isSameAs(idle);
    }

    @Test
    void aFailingChangeWithARollbackSendsFailedThenRolledBackThenTheRunsFailure() {
        target.setFailing("with-rollback", true);

        ChangeFailedException failure = catchThrowableOfType(
                ChangeFailedException.class,
                () -> engine(
                                SampleChanges.CreateAccounts.class,
                                SampleChanges.WithRollback.class,
                                SampleChanges.Last.class)
                        .build()
                        .run());

        assertThat(listener.types())
                .containsExactly(
                        "RunStarted",
                        "LockAcquired",
                        "ChangeStarted",
                        "ChangeApplied",
                        "ChangeStarted",
                        "ChangeFailed",
                        "ChangeRolledBack",
                        "RunFailed");
        assertThat(listener.ofType(ChangeStarted.class))
                .extracting(ChangeStarted::total)
                .containsOnly(3);
        ChangeFailed failed = listener.ofType(ChangeFailed.class).get(0);
        assertThat(failed.changeId()).isEqualTo("with-rollback");
        assertThat(failed.rollingBack()).isTrue();
        assertThat(failed.error()).isSameAs(failure.getCause()).hasMessage("simulated failure of with-rollback");
        assertThat(listener.ofType(ChangeRolledBack.class).get(0).changeId()).isEqualTo("with-rollback");
        RunFailed end = listener.ofType(RunFailed.class).get(0);
        assertThat(end.exception()).isSameAs(failure);
        assertThat(end.pendingIssues())
                .as("a rolled-back change runs again: no issue")
                .isEqualTo(OptionalInt.of(0));
    }

    @Test
    void aFailingChangeWithoutRollbackLeavesAnIssueTheFailureCounts() {
        target.setFailing("without-rollback", true);

        catchThrowableOfType(
                ChangeFailedException.class,
                () -> engine(SampleChanges.WithoutRollback.class, SampleChanges.Last.class)
                        .build()
                        .run());

        assertThat(listener.types())
                .containsExactly("RunStarted", "LockAcquired", "ChangeStarted", "ChangeFailed", "RunFailed");
        assertThat(listener.ofType(ChangeFailed.class).get(0).rollingBack()).isFalse();
        assertThat(listener.ofType(RunFailed.class).get(0).pendingIssues()).isEqualTo(OptionalInt.of(1));
    }

    @Test
    void aFailingRollbackSendsRollbackFailed() {
        target.setFailing("with-rollback", true);
        target.setRollbackFailing("with-rollback");

        catchThrowableOfType(
                ChangeFailedException.class,
                () -> engine(SampleChanges.WithRollback.class).build().run());

        assertThat(listener.types())
                .containsExactly(
                        "RunStarted",
                        "LockAcquired",
                        "ChangeStarted",
                        "ChangeFailed",
                        "ChangeRollbackFailed",
                        "RunFailed");
        assertThat(listener.ofType(ChangeRollbackFailed.class).get(0).error())
                .hasMessage("simulated rollback failure of with-rollback");
        assertThat(listener.ofType(RunFailed.class).get(0).pendingIssues()).isEqualTo(OptionalInt.of(1));
    }

    @Test
    void anIssueLeftByAnEarlierRunIsSentBeforeTheRunsFailure() {
        target.setFailing("without-rollback", true);
        Class<?>[] changes = {
            SampleChanges.CreateAccounts.class, SampleChanges.WithoutRollback.class, SampleChanges.Last.class
        };
        catchThrowableOfType(
                ChangeFailedException.class, () -> engine(changes).build().run());
        listener.clear();

        IssuesPendingException pending = catchThrowableOfType(
                IssuesPendingException.class, () -> engine(changes).build().run());

        assertThat(listener.types()).containsExactly("RunStarted", "LockAcquired", "IssueFound", "RunFailed");
        IssueFound issue = listener.ofType(IssueFound.class).get(0);
        assertThat(issue.issue().changeId()).isEqualTo("without-rollback");
        assertThat(issue.issue().latest().state()).isEqualTo(AuditState.FAILED);
        assertThat(pending.issues()).containsExactly(issue.issue());
        RunFailed end = listener.ofType(RunFailed.class).get(0);
        assertThat(end.exception()).isSameAs(pending);
        assertThat(end.pendingIssues()).isEqualTo(OptionalInt.of(1));
    }

    @Test
    void aLockWaitIsSentWhenItStartsThenEveryThirtySecondsThenTheAcquisition() {
        Instant start = clock.instant();
        Lease holder = store.lockService()
                .tryAcquire("default", "other-instance", Duration.ofSeconds(95))
                .orElseThrow();

        engine(basic()).build().run();

        assertThat(listener.types().subList(0, 6))
                .containsExactly(
                        "RunStarted", "LockWaiting", "LockWaiting", "LockWaiting", "LockWaiting", "LockAcquired");
        List<LockWaiting> waits = listener.ofType(LockWaiting.class);
        assertThat(waits.get(0).waited()).isEqualTo(Duration.ZERO);
        assertThat(waits.get(0).holder()).contains(holder);
        assertThat(waits.get(0).timeout()).isEqualTo(Duration.ofMinutes(3));
        for (int i = 1; i < waits.size(); i++) {
            assertThat(waits.get(i).waited())
                    .as("report %d", i)
                    .isBetween(
                            Duration.ofSeconds(30L * i),
                            Duration.ofSeconds(30L * i).plusSeconds(1));
            assertThat(waits.get(i).holder()).map(Lease::owner).contains("other-instance");
        }
        LockAcquired acquired = listener.ofType(LockAcquired.class).get(0);
        assertThat(acquired.waited()).isBetween(Duration.ofSeconds(95), Duration.ofSeconds(96));
        assertThat(acquired.at()).isEqualTo(start.plus(acquired.waited()));
        assertThat(acquired.token()).isGreaterThan(holder.token());
        assertThat(listener.types()).endsWith("CheckpointWritten", "RunFinished");
    }

    @Test
    void aLockTimeoutEndsTheRunWithoutKnowingItsIssues() {
        store.lockService()
                .tryAcquire("default", "other-instance", Duration.ofMinutes(10))
                .orElseThrow();

        LockTimeoutException timeout = catchThrowableOfType(
                LockTimeoutException.class,
                () -> engine(basic())
                        .lockTimeout(Duration.ofSeconds(45))
                        .build()
                        .run());

        assertThat(listener.types()).containsExactly("RunStarted", "LockWaiting", "LockWaiting", "RunFailed");
        RunFailed end = listener.ofType(RunFailed.class).get(0);
        assertThat(end.exception()).isSameAs(timeout);
        assertThat(end.pendingIssues()).isEmpty();
    }

    @Test
    void aStoreFailingMidChangeEndsTheRunAfterItsStartAndCountsTheChangeLeftStarted() {
        target.onExecute("seed-accounts", () -> store.setUnavailable(true));

        StoreUnavailableException outage = catchThrowableOfType(
                StoreUnavailableException.class, () -> engine(basic()).build().run());
        store.setUnavailable(false);

        assertThat(listener.types())
                .containsExactly(
                        "RunStarted", "LockAcquired", "ChangeStarted", "ChangeApplied", "ChangeStarted", "RunFailed");
        RunFailed end = listener.ofType(RunFailed.class).get(0);
        assertThat(end.exception()).isSameAs(outage);
        assertThat(end.pendingIssues()).isEqualTo(OptionalInt.of(1));
    }

    @Test
    void aRunRefusedBeforeItStartedStillSendsItsStartAndItsFailure() {
        Thread.currentThread().interrupt();
        try {
            catchThrowableOfType(
                    RunInterruptedException.class, () -> engine(basic()).build().run());
        } finally {
            Thread.interrupted();
        }

        assertThat(listener.types()).containsExactly("RunStarted", "RunFailed");
        assertThat(listener.ofType(RunFailed.class).get(0).exception()).isInstanceOf(RunInterruptedException.class);
        assertThat(store.history().readAll("default").toList()).isEmpty();
    }

    @Test
    void everyListenerReceivesEveryEventInRegistrationOrder() {
        List<String> calls = new java.util.concurrent.CopyOnWriteArrayList<>();
        RecordingListener second = new RecordingListener();

        engine(basic())
                .listener(event -> calls.add("second:" + event.getClass().getSimpleName()))
                .listener(event -> calls.add("third:" + event.getClass().getSimpleName()))
                .listener(second)
                .build()
                .run();

        assertThat(second.events()).isEqualTo(listener.events());
        assertThat(calls.subList(0, 4))
                .containsExactly("second:RunStarted", "third:RunStarted", "second:LockAcquired", "third:LockAcquired");
        assertThat(calls).hasSize(2 * listener.events().size());
    }
}
