package io.tidemark.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.tidemark.core.ChangeOutcome;
import io.tidemark.core.ChangeResult;
import io.tidemark.core.RunReport;
import io.tidemark.core.Tidemark;
import io.tidemark.core.TidemarkBuilder;
import io.tidemark.core.TidemarkConfig;
import io.tidemark.core.error.ChangeFailedException;
import io.tidemark.core.error.IssuesPendingException;
import io.tidemark.core.error.LockLostException;
import io.tidemark.core.error.LockTimeoutException;
import io.tidemark.core.error.RunInterruptedException;
import io.tidemark.core.event.RunStarted;
import io.tidemark.core.event.TidemarkEvent;
import io.tidemark.spi.AuditRecord;
import io.tidemark.spi.AuditState;
import io.tidemark.spi.AuditStore;
import io.tidemark.spi.Lease;
import io.tidemark.tck.changes.ChangeTarget;
import io.tidemark.tck.changes.SampleChanges;
import io.tidemark.tck.changes.TextChanges;
import io.tidemark.tck.fuzz.Race;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The engine end to end on the store under test: ordering, the decision table, failures and
 * rollbacks, crashes, manual resolution, lock contention and loss, and engines racing.
 */
public abstract class EngineContract extends StoreContractSupport {

    /**
     * Engines started together in {@link #enginesStartedTogetherApplyEachChangeExactlyOnce()}.
     *
     * @return the number of engines; overridable
     */
    protected int racingEngines() {
        return 8;
    }

    private MutableClock clock;
    private AuditStore store;
    private String chain;
    private ChangeTarget target;

    @BeforeEach
    void openEngineFixture() {
        clock = MutableClock.atFixedStart();
        store = openStore(clock);
        chain = uniqueName("tck-engine");
        target = new ChangeTarget();
    }

    private TidemarkBuilder engine(Class<?>... changeUnits) {
        return Tidemark.builder()
                .auditStore(store)
                .configuration(TidemarkConfig.of())
                .chain(chain)
                .changeUnits(changeUnits)
                .dependency(ChangeTarget.class, target)
                .clock(clock)
                .sleeper(clock::advance)
                .instanceId("tck-instance");
    }

    private List<Class<?>> basicAnd(Class<?>... more) {
        List<Class<?>> classes = new ArrayList<>(SampleChanges.BASIC);
        classes.addAll(List.of(more));
        return classes;
    }

    private RunReport run(List<Class<?>> classes) {
        return engine(classes.toArray(Class<?>[]::new)).build().run();
    }

    private List<AuditRecord> history() {
        return store.history().readAll(chain).toList();
    }

    private List<AuditState> statesOf(String changeId) {
        return history().stream()
                .filter(r -> r.changeId().equals(changeId))
                .map(AuditRecord::state)
                .toList();
    }

    private static List<String> ids(List<ChangeResult> results) {
        return results.stream().map(ChangeResult::changeId).toList();
    }

    @Test
    void aRunSendsTheSameEventsOnEveryStoreNamingItsKind() {
        List<TidemarkEvent> events = new CopyOnWriteArrayList<>();
        target.setFailing("with-rollback", true);

        catchThrowableOfType(
                ChangeFailedException.class,
                () -> engine(basicAnd(SampleChanges.WithRollback.class).toArray(Class<?>[]::new))
                        .listener(events::add)
                        .build()
                        .run());
        target.setFailing("with-rollback", false);
        run(basicAnd(SampleChanges.WithRollback.class));
        engine(basicAnd(SampleChanges.WithRollback.class).toArray(Class<?>[]::new))
                .listener(events::add)
                .build()
                .run();

        assertThat(events)
                .extracting(e -> e.getClass().getSimpleName())
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
                        "ChangeStarted",
                        "ChangeFailed",
                        "ChangeRolledBack",
                        "RunFailed",
                        "RunStarted",
                        "RunFinished");
        assertThat(events)
                .filteredOn(RunStarted.class::isInstance)
                .map(RunStarted.class::cast)
                .extracting(RunStarted::store)
                .containsOnly(fixture().storeName());
        assertThat(events).allSatisfy(event -> assertThat(event.chain()).isEqualTo(chain));
    }

    @Test
    void appliesPendingChangesInVersionOrderAndRecordsEach() {
        RunReport report = run(SampleChanges.BASIC);

        assertThat(ids(report.applied())).containsExactlyElementsOf(SampleChanges.BASIC_IDS);
        assertThat(target.appliedOrder()).containsExactlyElementsOf(SampleChanges.BASIC_IDS);
        List<AuditRecord> history = history();
        assertThat(history)
                .extracting(AuditRecord::state)
                .containsExactly(
                        AuditState.STARTED,
                        AuditState.APPLIED,
                        AuditState.STARTED,
                        AuditState.APPLIED,
                        AuditState.STARTED,
                        AuditState.APPLIED,
                        AuditState.STARTED,
                        AuditState.APPLIED,
                        AuditState.CHECKPOINT);
        AuditRecord firstApplied = history.get(1);
        assertThat(firstApplied.changeId()).isEqualTo("create-accounts");
        assertThat(firstApplied.className()).isEqualTo(SampleChanges.CreateAccounts.class.getName());
        assertThat(firstApplied.instanceId()).isEqualTo("tck-instance");
        assertThat(firstApplied.metadata()).containsEntry("effect", "counted");
        assertThat(report.tipSeq()).isEqualTo(history.size());
        assertThat(report.lockAcquired()).isTrue();
        assertThat(store.lockService().inspect(chain)).isEmpty();
        assertThat(engine(SampleChanges.CreateAccounts.class)
                        .build()
                        .operator()
                        .verify()
                        .isIntact())
                .isTrue();
    }

    @Test
    void aSecondRunFindsNothingToDoWithoutTakingTheLock() {
        run(SampleChanges.BASIC);
        long tip = history().size();
        store.lockService()
                .tryAcquire(chain, "someone-else", Duration.ofMinutes(10))
                .orElseThrow();

        RunReport again = run(SampleChanges.BASIC);

        assertThat(again.nothingToDo()).isTrue();
        assertThat(again.lockAcquired()).isFalse();
        assertThat(again.skipped()).hasSize(4);
        assertThat(history()).hasSize((int) tip);
        SampleChanges.BASIC_IDS.forEach(id -> assertThat(target.applied(id)).isEqualTo(1));
    }

    @Test
    void aChangeAddedLaterRunsAloneAfterTheOthers() {
        run(SampleChanges.BASIC);

        RunReport report = run(basicAnd(SampleChanges.Last.class));

        assertThat(ids(report.applied())).containsExactly("last");
        assertThat(report.skipped()).hasSize(4);
        assertThat(target.applied("create-accounts")).isEqualTo(1);
        assertThat(run(basicAnd(SampleChanges.Last.class)).nothingToDo()).isTrue();
    }

    @Test
    void aFailedChangeWithRollbackIsRolledBackThenRunsAgainNextTime() {
        target.setFailing("with-rollback", true);

        ChangeFailedException failure = catchThrowableOfType(
                ChangeFailedException.class,
                () -> run(basicAnd(SampleChanges.WithRollback.class, SampleChanges.Last.class)));

        assertThat(failure.changeId()).isEqualTo("with-rollback");
        assertThat(failure.getCause()).hasMessageContaining("simulated failure of with-rollback");
        assertThat(failure.report().failed()).map(ChangeResult::outcome).contains(ChangeOutcome.ROLLED_BACK);
        assertThat(failure.report().changes())
                .last()
                .extracting(ChangeResult::outcome)
                .isEqualTo(ChangeOutcome.NOT_REACHED);
        assertThat(statesOf("with-rollback"))
                .containsExactly(AuditState.STARTED, AuditState.FAILED, AuditState.ROLLED_BACK);
        AuditRecord failed = history().stream()
                .filter(r -> r.state() == AuditState.FAILED)
                .findFirst()
                .orElseThrow();
        assertThat(failed.errorType()).isEqualTo(IllegalStateException.class.getName());
        assertThat(failed.errorMessage()).isEqualTo("simulated failure of with-rollback");
        assertThat(target.rollbacks("with-rollback")).isEqualTo(1);
        assertThat(target.attempts("last")).isZero();

        target.setFailing("with-rollback", false);
        RunReport next = run(basicAnd(SampleChanges.WithRollback.class, SampleChanges.Last.class));

        assertThat(ids(next.applied())).containsExactly("with-rollback", "last");
        assertThat(target.rerunFlags()).endsWith(true, false);
    }

    @Test
    void aFailedChangeWithoutRollbackIsAnIssueUntilMarkedRolledBack() {
        target.setFailing("without-rollback", true);
        List<Class<?>> classes = basicAnd(SampleChanges.WithoutRollback.class, SampleChanges.Last.class);
        ChangeFailedException failure = catchThrowableOfType(ChangeFailedException.class, () -> run(classes));
        assertThat(failure.report().failed()).map(ChangeResult::outcome).contains(ChangeOutcome.FAILED);
        target.setFailing("without-rollback", false);

        IssuesPendingException issues = catchThrowableOfType(IssuesPendingException.class, () -> run(classes));

        assertThat(issues.issues()).extracting(i -> i.changeId()).containsExactly("without-rollback");
        assertThat(issues.issues().get(0).latest().state()).isEqualTo(AuditState.FAILED);
        assertThat(issues.getMessage()).contains("without-rollback", "FAILED", "mark");
        assertThat(issues.report().changes())
                .last()
                .extracting(ChangeResult::outcome)
                .isEqualTo(ChangeOutcome.NOT_REACHED);
        assertThat(target.attempts("without-rollback")).isEqualTo(1);
        Tidemark tidemark = engine(classes.toArray(Class<?>[]::new)).build();
        assertThat(tidemark.operator().issues()).extracting(i -> i.changeId()).containsExactly("without-rollback");

        AuditRecord mark =
                tidemark.operator().markRolledBack("without-rollback", "ops-oncall", "undid the partial write by hand");
        RunReport after = tidemark.run();

        assertThat(mark.state()).isEqualTo(AuditState.MARKED_ROLLED_BACK);
        assertThat(mark.metadata())
                .containsEntry(AuditRecord.META_OPERATOR, "ops-oncall")
                .containsEntry(AuditRecord.META_REASON, "undid the partial write by hand");
        assertThat(ids(after.applied())).containsExactly("without-rollback", "last");
        assertThat(tidemark.operator().issues()).isEmpty();
        assertThat(tidemark.operator().verify().isIntact()).isTrue();
    }

    @Test
    void aChangeLeftStartedByACrashIsAnIssueUntilMarkedApplied() {
        run(SampleChanges.BASIC);
        Crashes.leaveStarted(store, chain, SampleChanges.WithoutRollback.class, clock);
        List<Class<?>> classes = basicAnd(SampleChanges.WithoutRollback.class, SampleChanges.Last.class);

        IssuesPendingException issues = catchThrowableOfType(IssuesPendingException.class, () -> run(classes));

        assertThat(issues.issues()).singleElement().satisfies(issue -> {
            assertThat(issue.changeId()).isEqualTo("without-rollback");
            assertThat(issue.latest().state()).isEqualTo(AuditState.STARTED);
            assertThat(issue.latest().instanceId()).isEqualTo("crashed-host-999-dead");
        });
        assertThat(issues.getMessage()).contains("without-rollback", "STARTED", "crashed-host-999-dead");
        assertThat(target.attempts("without-rollback")).isZero();
        assertThat(target.attempts("last")).isZero();

        engine(classes.toArray(Class<?>[]::new))
                .build()
                .operator()
                .markApplied("without-rollback", "ops-oncall", "checked: the write completed before the crash");
        RunReport after = run(classes);

        assertThat(ids(after.applied())).containsExactly("last");
        assertThat(target.attempts("without-rollback")).isZero();
        assertThat(statesOf("without-rollback")).containsExactly(AuditState.STARTED, AuditState.MARKED_APPLIED);
    }

    @Test
    void aRetryableChangeLeftStartedRunsAgainByItself() {
        Crashes.leaveStarted(store, chain, SampleChanges.Retryable.class, clock);

        RunReport report = run(basicAnd(SampleChanges.Retryable.class));

        assertThat(ids(report.applied())).contains("retryable");
        assertThat(target.applied("retryable")).isEqualTo(1);
        assertThat(target.rerunFlags()).contains(true);
        assertThat(statesOf("retryable")).containsExactly(AuditState.STARTED, AuditState.STARTED, AuditState.APPLIED);
    }

    @Test
    void aRetryableChangeThatFailedRunsAgainByItself() {
        target.setFailing("retryable", true);
        catchThrowableOfType(ChangeFailedException.class, () -> run(basicAnd(SampleChanges.Retryable.class)));
        target.setFailing("retryable", false);

        RunReport report = run(basicAnd(SampleChanges.Retryable.class));

        assertThat(ids(report.applied())).containsExactly("retryable");
        assertThat(statesOf("retryable"))
                .containsExactly(AuditState.STARTED, AuditState.FAILED, AuditState.STARTED, AuditState.APPLIED);
    }

    @Test
    void aFailedRollbackIsRecordedAndBecomesAnIssue() {
        target.setFailing("with-rollback", true);
        target.setRollbackFailing("with-rollback");
        List<Class<?>> classes = basicAnd(SampleChanges.WithRollback.class);

        ChangeFailedException failure = catchThrowableOfType(ChangeFailedException.class, () -> run(classes));

        assertThat(failure.report().failed()).map(ChangeResult::outcome).contains(ChangeOutcome.ROLLBACK_FAILED);
        assertThat(failure.getCause().getSuppressed())
                .singleElement()
                .satisfies(e -> assertThat(e).hasMessageContaining("simulated rollback failure"));
        assertThat(statesOf("with-rollback"))
                .containsExactly(AuditState.STARTED, AuditState.FAILED, AuditState.ROLLBACK_FAILED);
        AuditRecord rollbackFailed = history().get(history().size() - 1);
        assertThat(rollbackFailed.errorMessage()).isEqualTo("simulated rollback failure of with-rollback");
        assertThat(rollbackFailed.methodName()).isEqualTo("undo");

        target.setFailing("with-rollback", false);
        IssuesPendingException issues = catchThrowableOfType(IssuesPendingException.class, () -> run(classes));
        assertThat(issues.issues().get(0).latest().state()).isEqualTo(AuditState.ROLLBACK_FAILED);
    }

    @Test
    void aWaitingInstanceTimesOutNamingTheHolder() {
        Lease holder = store.lockService()
                .tryAcquire(chain, "other-instance/run-7", Duration.ofMinutes(30))
                .orElseThrow();

        LockTimeoutException timeout = catchThrowableOfType(
                LockTimeoutException.class,
                () -> engine(SampleChanges.BASIC.toArray(Class<?>[]::new))
                        .lockTimeout(Duration.ofMinutes(1))
                        .build()
                        .run());

        assertThat(timeout.getMessage())
                .contains("other-instance/run-7", holder.expiresAt().toString(), chain);
        assertThat(timeout.holder()).contains(holder);
        assertThat(history()).isEmpty();
        assertThat(target.appliedOrder()).isEmpty();
    }

    @Test
    void aWaitingInstanceProceedsAsSoonAsTheHolderReleases() {
        Lease holder = store.lockService()
                .tryAcquire(chain, "other-instance", Duration.ofMinutes(30))
                .orElseThrow();
        AtomicBoolean released = new AtomicBoolean();

        RunReport report = engine(SampleChanges.BASIC.toArray(Class<?>[]::new))
                .sleeper(pause -> {
                    clock.advance(pause);
                    if (released.compareAndSet(false, true)) {
                        store.lockService().release(holder);
                    }
                })
                .build()
                .run();

        assertThat(ids(report.applied())).containsExactlyElementsOf(SampleChanges.BASIC_IDS);
        assertThat(Duration.between(report.startedAt(), clock.instant())).isLessThan(Duration.ofSeconds(1));
    }

    @Test
    void aDeadInstancesLeaseExpiresAndIsTakenOver() {
        store.lockService()
                .tryAcquire(chain, "dead-instance", Duration.ofSeconds(45))
                .orElseThrow();

        RunReport report = run(SampleChanges.BASIC);

        assertThat(report.applied()).hasSize(4);
        Duration waited = Duration.between(report.startedAt(), clock.instant());
        assertThat(waited).isBetween(Duration.ofSeconds(45), Duration.ofSeconds(46));
    }

    @Test
    void aLostLeaseStopsTheRunBeforeItAppendsAgain() {
        target.onExecute("seed-accounts", () -> {
            clock.advance(Duration.ofMinutes(5));
            store.lockService()
                    .tryAcquire(chain, "usurper", Duration.ofMinutes(10))
                    .orElseThrow();
        });

        LockLostException lost = catchThrowableOfType(LockLostException.class, () -> run(SampleChanges.BASIC));

        assertThat(lost.getMessage()).contains(chain).contains("STARTED");
        assertThat(statesOf("seed-accounts")).containsExactly(AuditState.STARTED);
        assertThat(statesOf("add-email-index")).isEmpty();
        assertThat(target.attempts("add-email-index")).isZero();
        assertThat(store.lockService().inspect(chain)).map(Lease::owner).contains("usurper");
    }

    /**
     * Runs {@code classes} and returns what the run threw (or null) and whether the calling thread's
     * interrupt flag was set when {@code run()} returned; the flag is cleared before returning.
     */
    private InterruptedRun runAndClearInterrupt(List<Class<?>> classes) {
        RuntimeException thrown = null;
        try {
            run(classes);
        } catch (RuntimeException e) {
            thrown = e;
        }
        return new InterruptedRun(thrown, Thread.interrupted());
    }

    private record InterruptedRun(RuntimeException thrown, boolean flagSetAfterRun) {}

    @Test
    void aChangeThatLeavesItsThreadInterruptedIsRecordedAndTheRunStopsBeforeTheNextChange() {
        target.onExecute("seed-accounts", () -> Thread.currentThread().interrupt());

        InterruptedRun outcome = runAndClearInterrupt(SampleChanges.BASIC);

        assertThat(outcome.thrown())
                .isInstanceOf(RunInterruptedException.class)
                .hasMessageContaining("seed-accounts")
                .hasMessageContaining("add-email-index");
        assertThat(outcome.flagSetAfterRun())
                .as("the interrupt is handed back to the caller")
                .isTrue();
        assertThat(statesOf("seed-accounts")).containsExactly(AuditState.STARTED, AuditState.APPLIED);
        assertThat(statesOf("add-email-index")).isEmpty();
        assertThat(target.attempts("add-email-index")).isZero();
        assertThat(store.lockService().inspect(chain))
                .as("the lock is released")
                .isEmpty();

        target.onExecute("seed-accounts", () -> {});
        RunReport next = run(SampleChanges.BASIC);

        assertThat(ids(next.applied())).containsExactly("add-email-index", "backfill-emails");
        SampleChanges.BASIC_IDS.forEach(id -> assertThat(target.applied(id)).isEqualTo(1));
        assertThat(engine(SampleChanges.CreateAccounts.class)
                        .build()
                        .operator()
                        .verify()
                        .isIntact())
                .isTrue();
    }

    @Test
    void aLastChangeThatLeavesItsThreadInterruptedCompletesTheRun() {
        target.onExecute("backfill-emails", () -> Thread.currentThread().interrupt());

        InterruptedRun outcome = runAndClearInterrupt(SampleChanges.BASIC);

        assertThat(outcome.thrown()).isNull();
        assertThat(outcome.flagSetAfterRun()).isTrue();
        assertThat(history()).last().extracting(AuditRecord::state).isEqualTo(AuditState.CHECKPOINT);
        assertThat(store.lockService().inspect(chain)).isEmpty();
        assertThat(run(SampleChanges.BASIC).nothingToDo()).isTrue();
    }

    @Test
    void aFailingChangeThatLeavesItsThreadInterruptedIsRecordedAndRolledBack() {
        target.setFailing("with-rollback", true);
        target.onExecute("with-rollback", () -> Thread.currentThread().interrupt());

        InterruptedRun outcome = runAndClearInterrupt(basicAnd(SampleChanges.WithRollback.class));

        assertThat(outcome.thrown()).isInstanceOf(ChangeFailedException.class);
        assertThat(outcome.flagSetAfterRun()).isTrue();
        assertThat(statesOf("with-rollback"))
                .containsExactly(AuditState.STARTED, AuditState.FAILED, AuditState.ROLLED_BACK);
        assertThat(store.lockService().inspect(chain)).isEmpty();
    }

    @Test
    void textThatIsNotWellFormedUnicodeIsRepairedBeforeItIsHashedAndStored() {
        List<Class<?>> classes = basicAnd(TextChanges.LabelProducts.class);
        target.setFailing("label-products", true);
        target.onExecute("label-products", () -> {
            throw new IllegalStateException("no room for " + TextChanges.CUT_EMOJI);
        });
        catchThrowableOfType(ChangeFailedException.class, () -> run(classes));
        target.setFailing("label-products", false);
        target.onExecute("label-products", () -> {});
        engine(classes.toArray(Class<?>[]::new))
                .build()
                .operator()
                .markRolledBack("label-products", "ops " + TextChanges.CUT_EMOJI, "retry " + TextChanges.CUT_EMOJI);

        run(classes);

        List<AuditRecord> records = history().stream()
                .filter(r -> r.changeId().equals("label-products"))
                .toList();
        assertThat(records)
                .extracting(AuditRecord::state)
                .containsExactly(
                        AuditState.STARTED,
                        AuditState.FAILED,
                        AuditState.MARKED_ROLLED_BACK,
                        AuditState.STARTED,
                        AuditState.APPLIED);
        assertThat(records.get(1).errorMessage()).isEqualTo("no room for " + TextChanges.CUT_EMOJI_REPAIRED);
        assertThat(records.get(2).metadata())
                .containsEntry(AuditRecord.META_OPERATOR, "ops " + TextChanges.CUT_EMOJI_REPAIRED)
                .containsEntry(AuditRecord.META_REASON, "retry " + TextChanges.CUT_EMOJI_REPAIRED);
        assertThat(records.get(4).metadata()).containsEntry("label", TextChanges.CUT_EMOJI_REPAIRED);
        assertThat(engine(classes.toArray(Class<?>[]::new))
                        .build()
                        .operator()
                        .verify()
                        .isIntact())
                .as("the chain verifies: what was hashed is what the store returns")
                .isTrue();
    }

    @Test
    void aMetadataKeyThatIsNotWellFormedUnicodeIsRefusedWithAClearError() {
        ChangeFailedException failure = catchThrowableOfType(
                ChangeFailedException.class, () -> run(basicAnd(TextChanges.BadMetadataKey.class)));

        assertThat(failure).isNotNull();
        assertThat(failure.getCause())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("metadata key")
                .hasMessageContaining("unpaired surrogate");
        assertThat(statesOf("bad-metadata-key")).containsExactly(AuditState.STARTED, AuditState.FAILED);
        assertThat(engine(SampleChanges.CreateAccounts.class)
                        .build()
                        .operator()
                        .verify()
                        .isIntact())
                .isTrue();
    }

    @Test
    void anOperatorsOverlongReasonIsRefusedBeforeAnythingIsWritten() {
        target.setFailing("without-rollback", true);
        List<Class<?>> classes = basicAnd(SampleChanges.WithoutRollback.class);
        catchThrowableOfType(ChangeFailedException.class, () -> run(classes));
        long tip = history().size();
        Tidemark tidemark = engine(classes.toArray(Class<?>[]::new)).build();

        IllegalArgumentException refused = catchThrowableOfType(
                IllegalArgumentException.class,
                () -> tidemark.operator().markRolledBack("without-rollback", "ops", "x".repeat(5_000)));
        IllegalArgumentException refusedOperator = catchThrowableOfType(
                IllegalArgumentException.class,
                () -> tidemark.operator().markApplied("without-rollback", "o".repeat(5_000), "checked"));

        assertThat(refused)
                .isNotNull()
                .hasMessageContaining("reason")
                .hasMessageContaining("5000")
                .hasMessageContaining("at most");
        assertThat(refusedOperator).isNotNull().hasMessageContaining("operator").hasMessageContaining("at most");
        assertThat(history()).hasSize((int) tip);
        assertThat(store.lockService().inspect(chain)).isEmpty();
    }

    @Test
    void enginesStartedTogetherApplyEachChangeExactlyOnce() {
        List<Class<?>> classes =
                basicAnd(SampleChanges.WithRollback.class, SampleChanges.Retryable.class, SampleChanges.Last.class);
        List<RunReport> reports = Race.run(
                Race.copies(
                        racingEngines(),
                        index -> Tidemark.builder()
                                .auditStore(openStore(Clock.systemUTC()))
                                .configuration(TidemarkConfig.of())
                                .chain(chain)
                                .changeUnits(classes.toArray(Class<?>[]::new))
                                .dependency(ChangeTarget.class, target)
                                .instanceId("racer-" + index)
                                .build()
                                .run()),
                Duration.ofMinutes(5));

        List<String> expected = List.of(
                "create-accounts",
                "seed-accounts",
                "add-email-index",
                "backfill-emails",
                "with-rollback",
                "retryable",
                "last");
        expected.forEach(
                id -> assertThat(target.applied(id)).as("effects of %s", id).isEqualTo(1));
        assertThat(reports)
                .filteredOn(r -> !r.applied().isEmpty())
                .singleElement()
                .satisfies(r -> assertThat(ids(r.applied())).containsExactlyElementsOf(expected));
        assertThat(reports)
                .filteredOn(r -> r.applied().isEmpty())
                .allSatisfy(r -> assertThat(r.nothingToDo()).isTrue());
        assertThat(history())
                .filteredOn(r -> r.state() == AuditState.APPLIED)
                .extracting(AuditRecord::changeId)
                .containsExactlyElementsOf(expected);
        assertThat(engine(SampleChanges.CreateAccounts.class)
                        .build()
                        .operator()
                        .verify()
                        .isIntact())
                .isTrue();
    }

    @Test
    void chainsSharingAStoreDoNotSeeEachOther() {
        run(SampleChanges.BASIC);
        String otherChain = uniqueName("tck-engine-other");

        RunReport other = engine(SampleChanges.BASIC.toArray(Class<?>[]::new))
                .chain(otherChain)
                .build()
                .run();

        assertThat(other.applied()).hasSize(4);
        assertThat(target.applied("create-accounts")).isEqualTo(2);
        assertThat(store.history().readAll(otherChain).count()).isEqualTo(9);
    }
}
