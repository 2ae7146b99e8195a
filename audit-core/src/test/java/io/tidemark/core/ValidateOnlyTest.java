package io.tidemark.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.tidemark.core.error.ConfigurationException;
import io.tidemark.core.error.PendingChangesException;
import io.tidemark.core.error.RunInterruptedException;
import io.tidemark.core.error.StoreUnavailableException;
import io.tidemark.core.event.IssueFound;
import io.tidemark.core.event.MdcKeys;
import io.tidemark.core.event.RunFailed;
import io.tidemark.core.event.RunFinished;
import io.tidemark.core.event.RunStarted;
import io.tidemark.core.event.TidemarkEvent;
import io.tidemark.core.event.TidemarkListener;
import io.tidemark.core.memory.InMemoryAuditStore;
import io.tidemark.core.testing.Crashes;
import io.tidemark.core.testing.MutableClock;
import io.tidemark.spi.AuditRecord;
import io.tidemark.tck.changes.ChangeTarget;
import io.tidemark.tck.changes.SampleChanges;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

/**
 * Validate-only starts ({@code tidemark.mode=validate}, {@code validateOnly()}): nothing applied, a
 * report when the chain is up to date, {@link PendingChangesException} otherwise.
 */
class ValidateOnlyTest {

    private final MutableClock clock = MutableClock.atFixedStart();
    private final InMemoryAuditStore store = new InMemoryAuditStore(clock);
    private final ChangeTarget target = new ChangeTarget();

    private TidemarkBuilder builder(TidemarkConfig config, List<Class<?>> changeUnits) {
        return Tidemark.builder()
                .auditStore(store)
                .configuration(config)
                .changeUnits(changeUnits.toArray(Class<?>[]::new))
                .dependency(ChangeTarget.class, target)
                .clock(clock)
                .sleeper(clock::advance);
    }

    private static TidemarkConfig mode(String value) {
        return TidemarkConfig.of(ConfigSource.of("test", Map.of(Tidemark.Keys.MODE, value)));
    }

    private static List<Class<?>> basicAnd(Class<?>... more) {
        List<Class<?>> classes = new ArrayList<>(SampleChanges.BASIC);
        classes.addAll(List.of(more));
        return classes;
    }

    private List<AuditRecord> history() {
        return store.history().readAll("default").toList();
    }

    @Test
    void theModeIsRunByDefaultAndValidateWhenConfiguredOrAskedForInCode() {
        assertThat(builder(TidemarkConfig.of(), SampleChanges.BASIC).build().isValidateOnly())
                .isFalse();
        assertThat(builder(mode("run"), SampleChanges.BASIC).build().isValidateOnly())
                .isFalse();
        assertThat(builder(mode("validate"), SampleChanges.BASIC).build().isValidateOnly())
                .isTrue();
        assertThat(builder(mode("Validate"), SampleChanges.BASIC).build().isValidateOnly())
                .isTrue();
        assertThat(builder(mode("run"), SampleChanges.BASIC)
                        .validateOnly()
                        .build()
                        .isValidateOnly())
                .as("code wins over configuration")
                .isTrue();
    }

    @Test
    void anUnknownModeFailsTheBuildNamingTheAllowedValues() {
        ConfigurationException error = catchThrowableOfType(
                ConfigurationException.class,
                () -> builder(mode("dry-run"), SampleChanges.BASIC).build());

        assertThat(error)
                .hasMessageContaining("tidemark.mode")
                .hasMessageContaining("dry-run")
                .hasMessageContaining("[run, validate]");
    }

    @Test
    void pendingChangesAreNamedAndNothingIsAppliedOrWritten() {
        store.lockService()
                .tryAcquire("default", "someone-else", Duration.ofMinutes(5))
                .orElseThrow();

        PendingChangesException pending = catchThrowableOfType(
                PendingChangesException.class,
                () -> builder(mode("validate"), SampleChanges.BASIC).build().run());

        assertThat(pending.isTransient()).isFalse();
        assertThat(pending.getMessage()).contains("4 change(s) would run", "0 issue(s)", "nothing was applied");
        SampleChanges.BASIC_IDS.forEach(id -> assertThat(pending.getMessage()).contains(id));
        assertThat(pending.pending())
                .extracting(PlannedChange::changeId)
                .containsExactlyElementsOf(SampleChanges.BASIC_IDS);
        assertThat(pending.plan().toRun()).hasSize(4);
        assertThat(history()).isEmpty();
        assertThat(target.attempts("create-accounts")).isZero();
        assertThat(store.lockService().inspect("default"))
                .hasValueSatisfying(lease -> assertThat(lease.owner())
                        .as("the lock is not waited for or taken")
                        .isEqualTo("someone-else"));
    }

    @Test
    void anIssueIsNamedWithWhatResolvesIt() {
        builder(TidemarkConfig.of(), SampleChanges.BASIC).build().run();
        Crashes.leaveStarted(store, "default", SampleChanges.WithoutRollback.class, clock);
        List<AuditRecord> before = history();

        PendingChangesException pending = catchThrowableOfType(
                PendingChangesException.class,
                () -> builder(
                                TidemarkConfig.of(),
                                basicAnd(SampleChanges.WithoutRollback.class, SampleChanges.Last.class))
                        .validateOnly()
                        .build()
                        .run());

        assertThat(pending.getMessage())
                .contains(
                        "0 change(s) would run",
                        "1 issue(s)",
                        "without-rollback",
                        "was left STARTED",
                        "mark-applied",
                        "1 change(s) wait behind them",
                        "last");
        assertThat(pending.plan().issues()).extracting(PlannedChange::changeId).containsExactly("without-rollback");
        assertThat(history()).isEqualTo(before);
        assertThat(store.lockService().inspect("default")).isEmpty();
    }

    @Test
    void anUpToDateChainGivesTheReportOfARunWithNothingToDoAfterOneRead() {
        builder(TidemarkConfig.of(), SampleChanges.BASIC).build().run();
        List<AuditRecord> before = history();
        Tidemark validating = builder(mode("validate"), SampleChanges.BASIC).build();
        long requests = store.requestCount();

        RunReport report = validating.run();

        assertThat(store.requestCount() - requests).isEqualTo(1);
        assertThat(report.nothingToDo()).isTrue();
        assertThat(report.lockAcquired()).isFalse();
        assertThat(report.skipped())
                .extracting(ChangeResult::changeId)
                .containsExactlyElementsOf(SampleChanges.BASIC_IDS);
        assertThat(report.tipSeq()).isEqualTo(before.size());
        assertThat(history()).isEqualTo(before);
    }

    @Test
    void aChainCheckpointedByAnOlderChangeSetIsNotUpToDate() {
        builder(TidemarkConfig.of(), SampleChanges.BASIC).build().run();

        PendingChangesException pending = catchThrowableOfType(
                PendingChangesException.class,
                () -> builder(mode("validate"), basicAnd(SampleChanges.Last.class))
                        .build()
                        .run());

        assertThat(pending.plan().toRun()).extracting(PlannedChange::changeId).containsExactly("last");
        assertThat(pending.plan().applied()).hasSize(4);
        assertThat(pending.getMessage()).contains("1 change(s) would run").doesNotContain("create-accounts");
    }

    @Test
    void aThreadAlreadyInterruptedReadsNothing() {
        Tidemark validating = builder(mode("validate"), SampleChanges.BASIC).build();
        long requests = store.requestCount();
        Thread.currentThread().interrupt();
        try {
            RunInterruptedException error = catchThrowableOfType(RunInterruptedException.class, validating::run);

            assertThat(error).hasMessageContaining("already interrupted");
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
        assertThat(store.requestCount()).isEqualTo(requests);
    }

    /** What a listener receives, each event as its type and what the assertions need of it. */
    private static final class Recorder implements TidemarkListener {
        final List<TidemarkEvent> events = new ArrayList<>();
        final List<String> executionIdsInMdc = new ArrayList<>();

        @Override
        public void onEvent(TidemarkEvent event) {
            events.add(event);
            executionIdsInMdc.add(MDC.get(MdcKeys.EXECUTION_ID));
        }

        List<String> types() {
            return events.stream().map(e -> e.getClass().getSimpleName()).toList();
        }
    }

    @Test
    void listenersGetTheEventsOfARunThatTookNoLock() {
        Recorder pending = new Recorder();
        PendingChangesException error = catchThrowableOfType(
                PendingChangesException.class,
                () -> builder(mode("validate"), SampleChanges.BASIC)
                        .listener(pending)
                        .build()
                        .run());

        assertThat(pending.types()).containsExactly("RunStarted", "RunFailed");
        RunStarted started = (RunStarted) pending.events.get(0);
        RunFailed failed = (RunFailed) pending.events.get(1);
        assertThat(started.changeUnits()).isEqualTo(4);
        assertThat(started.store()).isEqualTo("memory");
        assertThat(failed.exception()).isSameAs(error);
        assertThat(failed.pendingIssues()).hasValue(0);
        assertThat(failed.executionId()).isEqualTo(started.executionId());

        builder(TidemarkConfig.of(), SampleChanges.BASIC).build().run();
        Recorder upToDate = new Recorder();
        RunReport report = builder(mode("validate"), SampleChanges.BASIC)
                .listener(upToDate)
                .build()
                .run();

        assertThat(upToDate.types()).containsExactly("RunStarted", "RunFinished");
        assertThat(((RunFinished) upToDate.events.get(1)).report()).isSameAs(report);
        assertThat(report.executionId()).isEqualTo(upToDate.events.get(0).executionId());
        assertThat(upToDate.executionIdsInMdc)
                .as("the run's execution id is in the MDC while it runs")
                .containsOnly(report.executionId());
        assertThat(MDC.get(MdcKeys.EXECUTION_ID)).as("and no longer after it").isNull();
    }

    @Test
    void eachIssueIsAnEventAndTheFailureCountsThem() {
        builder(TidemarkConfig.of(), SampleChanges.BASIC).build().run();
        Crashes.leaveStarted(store, "default", SampleChanges.WithoutRollback.class, clock);
        Recorder recorder = new Recorder();

        catchThrowableOfType(
                PendingChangesException.class,
                () -> builder(TidemarkConfig.of(), basicAnd(SampleChanges.WithoutRollback.class))
                        .validateOnly()
                        .listener(recorder)
                        .build()
                        .run());

        assertThat(recorder.types()).containsExactly("RunStarted", "IssueFound", "RunFailed");
        assertThat(((IssueFound) recorder.events.get(1)).issue().changeId()).isEqualTo("without-rollback");
        assertThat(((RunFailed) recorder.events.get(2)).pendingIssues()).hasValue(1);
    }

    @Test
    void aStoreThatCannotBeReadFailsTheRunWithoutACountOfIssues() {
        Recorder recorder = new Recorder();
        Tidemark listened = builder(mode("validate"), SampleChanges.BASIC)
                .listener(recorder)
                .build();
        store.setUnavailable(true);

        StoreUnavailableException error = catchThrowableOfType(StoreUnavailableException.class, listened::run);

        assertThat(recorder.types()).containsExactly("RunStarted", "RunFailed");
        assertThat(((RunFailed) recorder.events.get(1)).exception()).isSameAs(error);
        assertThat(((RunFailed) recorder.events.get(1)).pendingIssues()).isEmpty();
    }
}
