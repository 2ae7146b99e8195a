package io.tidemark.core.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.tidemark.api.ChangeContext;
import io.tidemark.api.ChangeUnit;
import io.tidemark.api.Execution;
import io.tidemark.api.Recovery;
import io.tidemark.core.ChangeOutcome;
import io.tidemark.core.ChangeResult;
import io.tidemark.core.ConfigSource;
import io.tidemark.core.RunReport;
import io.tidemark.core.Tidemark;
import io.tidemark.core.TidemarkBuilder;
import io.tidemark.core.TidemarkConfig;
import io.tidemark.core.error.ChangeFailedException;
import io.tidemark.core.error.ConfigurationException;
import io.tidemark.core.error.IssuesPendingException;
import io.tidemark.core.error.StoreUnavailableException;
import io.tidemark.core.memory.InMemoryAuditStore;
import io.tidemark.core.testing.Crashes;
import io.tidemark.core.testing.MutableClock;
import io.tidemark.spi.AuditRecord;
import io.tidemark.spi.AuditState;
import io.tidemark.tck.changes.ChangeTarget;
import io.tidemark.tck.changes.SampleChanges;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Engine behaviour best shown on the reference store, which counts requests and can fail on demand. */
class EngineBehaviourTest {

    private final MutableClock clock = MutableClock.atFixedStart();
    private final InMemoryAuditStore store = new InMemoryAuditStore(clock);
    private final ChangeTarget target = new ChangeTarget();

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

    @ChangeUnit(id = "verbose-failure", order = "1")
    public static final class VerboseFailure {
        @Execution
        public void apply() {
            throw new IllegalArgumentException("x".repeat(5_000));
        }
    }

    @ChangeUnit(id = "reserved-metadata", order = "1")
    public static final class ReservedMetadata {
        @Execution
        public void apply(ChangeContext context) {
            context.putMetadata("tidemark.operator", "impostor");
        }
    }

    @ChangeUnit(id = "overflows-stack", order = "1")
    public static final class OverflowsStack {
        @Execution
        public void apply() {
            throw new StackOverflowError("simulated");
        }
    }

    @ChangeUnit(id = "constructed", order = "1")
    public static final class Constructed {
        private final ChangeTarget target;

        public Constructed(ChangeTarget target) {
            this.target = target;
        }

        @Execution
        public void apply(ChangeContext context) {
            target.execute(context);
        }
    }

    @ChangeUnit(id = "retry-after-outage", order = "5", recovery = Recovery.RETRY)
    public static final class RetryAfterOutage {
        @Execution
        public void apply(ChangeTarget target, ChangeContext context) {
            target.execute(context);
        }
    }

    @Test
    void anIdleStartReadsOnlyTheTip() {
        engine(SampleChanges.BASIC.toArray(Class<?>[]::new)).build().run();
        long before = store.requestCount();

        RunReport idle =
                engine(SampleChanges.BASIC.toArray(Class<?>[]::new)).build().run();

        assertThat(idle.nothingToDo()).isTrue();
        assertThat(store.requestCount() - before).isEqualTo(1);
    }

    @Test
    void aRunThatAppliedSomethingEndsWithACheckpointOfTheChangeSet() {
        Tidemark tidemark = engine(SampleChanges.BASIC.toArray(Class<?>[]::new)).build();

        tidemark.run();

        AuditRecord tip = store.history().tip("default").orElseThrow();
        assertThat(tip.state()).isEqualTo(AuditState.CHECKPOINT);
        assertThat(tip.metadata())
                .containsEntry(AuditRecord.META_CHANGE_SET_DIGEST, tidemark.changeSetDigest())
                .containsEntry(AuditRecord.META_CHANGE_COUNT, "4");
        assertThat(tidemark.operator().verify().isIntact()).isTrue();
    }

    @Test
    void aChangeSetThatDiffersFromTheCheckpointReadsTheHistory() {
        engine(SampleChanges.BASIC.toArray(Class<?>[]::new)).build().run();
        long before = store.requestCount();

        RunReport fewer = engine(SampleChanges.CreateAccounts.class).build().run();

        assertThat(fewer.nothingToDo()).isTrue();
        assertThat(store.requestCount() - before).isEqualTo(2);
    }

    @Test
    void anInstanceThatWaitedWhileAnotherDidEverythingFinishesWithOneRead() {
        io.tidemark.spi.Lease blocker = store.lockService()
                .tryAcquire("default", "blocker", Duration.ofMinutes(5))
                .orElseThrow();
        long[] requestsWhenOtherFinished = new long[1];
        java.util.concurrent.atomic.AtomicBoolean otherRan = new java.util.concurrent.atomic.AtomicBoolean();

        RunReport waiter = engine(SampleChanges.BASIC.toArray(Class<?>[]::new))
                .sleeper(pause -> {
                    clock.advance(pause);
                    if (otherRan.compareAndSet(false, true)) {
                        store.lockService().release(blocker);
                        engine(SampleChanges.BASIC.toArray(Class<?>[]::new))
                                .build()
                                .run();
                        requestsWhenOtherFinished[0] = store.requestCount();
                    }
                })
                .build()
                .run();

        assertThat(waiter.nothingToDo()).isTrue();
        assertThat(waiter.lockAcquired()).isTrue();
        SampleChanges.BASIC_IDS.forEach(id -> assertThat(target.applied(id)).isEqualTo(1));
        assertThat(store.requestCount() - requestsWhenOtherFinished[0])
                .as("take the lock, read the tip, release")
                .isEqualTo(3);
    }

    @Test
    void longErrorMessagesAreCutToTheStoredBound() {
        catchThrowableOfType(
                ChangeFailedException.class,
                () -> engine(VerboseFailure.class).build().run());

        AuditRecord failed = history().get(1);
        assertThat(failed.errorMessage())
                .hasSize(AuditRecord.MAX_ERROR_MESSAGE_LENGTH)
                .endsWith("[truncated]");
        assertThat(failed.errorType()).isEqualTo(IllegalArgumentException.class.getName());
    }

    @Test
    void reservedMetadataKeysFailTheChange() {
        ChangeFailedException failure = catchThrowableOfType(
                ChangeFailedException.class,
                () -> engine(ReservedMetadata.class).build().run());

        assertThat(failure.getCause()).hasMessageContaining("reserved");
    }

    @Test
    void aVirtualMachineErrorEndsTheRunWithoutMoreWrites() {
        catchThrowableOfType(
                StackOverflowError.class,
                () -> engine(OverflowsStack.class).build().run());

        assertThat(history()).extracting(AuditRecord::state).containsExactly(AuditState.STARTED);
    }

    @Test
    void constructorsReceiveRegisteredDependencies() {
        RunReport report = engine(Constructed.class).build().run();

        assertThat(report.applied()).hasSize(1);
        assertThat(target.applied("constructed")).isEqualTo(1);
    }

    @Test
    void anOutageMidChangeLeavesNoHalfRecordAndTheNextRunRecovers() {
        target.onExecute("retry-after-outage", () -> store.setUnavailable(true));
        List<Class<?>> classes =
                List.of(SampleChanges.CreateAccounts.class, RetryAfterOutage.class, SampleChanges.Last.class);

        StoreUnavailableException outage = catchThrowableOfType(
                StoreUnavailableException.class,
                () -> engine(classes.toArray(Class<?>[]::new)).build().run());

        assertThat(outage).hasMessageContaining("in-memory audit store");
        store.setUnavailable(false);
        assertThat(history())
                .extracting(AuditRecord::state)
                .containsExactly(AuditState.STARTED, AuditState.APPLIED, AuditState.STARTED);
        target.onExecute("retry-after-outage", () -> {});

        RunReport next = engine(classes.toArray(Class<?>[]::new)).build().run();

        assertThat(next.applied()).extracting(ChangeResult::changeId).containsExactly("retry-after-outage", "last");
        assertThat(target.applied("create-accounts")).isEqualTo(1);
    }

    @Test
    void anOutageMidChangeOfANonRetryableChangeBecomesAnIssue() {
        target.onExecute("seed-accounts", () -> store.setUnavailable(true));
        catchThrowableOfType(
                StoreUnavailableException.class,
                () -> engine(SampleChanges.BASIC.toArray(Class<?>[]::new))
                        .build()
                        .run());
        store.setUnavailable(false);
        target.onExecute("seed-accounts", () -> {});

        IssuesPendingException issues = catchThrowableOfType(
                IssuesPendingException.class,
                () -> engine(SampleChanges.BASIC.toArray(Class<?>[]::new))
                        .build()
                        .run());

        assertThat(issues.issues()).extracting(i -> i.changeId()).containsExactly("seed-accounts");
    }

    @Test
    void invalidChangeUnitsFailTheBuildWithoutTouchingTheStore() {
        ConfigurationException error = catchThrowableOfType(
                ConfigurationException.class,
                () -> engine(SampleChanges.CreateAccounts.class, String.class).build());

        assertThat(error).hasMessageContaining("java.lang.String is not annotated with @ChangeUnit");
        assertThat(store.requestCount()).isZero();
    }

    @Test
    void anInvalidChainNameIsRejected() {
        assertThat(catchThrowableOfType(
                        ConfigurationException.class,
                        () -> engine(SampleChanges.CreateAccounts.class)
                                .chain("orders::v2")
                                .build()))
                .hasMessageContaining("Chain name 'orders::v2' is invalid");
    }

    @Test
    void theChainNameLockIsReservedOnEveryStoreWithAFix() {
        ConfigurationException error = catchThrowableOfType(
                ConfigurationException.class,
                () -> engine(SampleChanges.CreateAccounts.class).chain("lock").build());
        ConfigurationException fromConfiguration = catchThrowableOfType(
                ConfigurationException.class,
                () -> Tidemark.builder()
                        .auditStore(store)
                        .configuration(TidemarkConfig.of(ConfigSource.of("test", Map.of("tidemark.chain", "lock"))))
                        .buildOperator());

        assertThat(error).hasMessageContaining("'lock' is reserved").hasMessageContaining("tidemark.chain");
        assertThat(fromConfiguration).hasMessageContaining("'lock' is reserved");
        assertThat(store.requestCount()).isZero();
    }

    @Test
    void settingsComeFromConfigurationWhenCodeDoesNotSetThem() {
        TidemarkConfig config = TidemarkConfig.of(ConfigSource.of(
                "test",
                Map.of("tidemark.chain", "billing", "tidemark.instance-id", "pod-7", "tidemark.lock.timeout", "soon")));

        assertThat(catchThrowableOfType(
                        ConfigurationException.class,
                        () -> engine(SampleChanges.CreateAccounts.class)
                                .configuration(config)
                                .build()))
                .hasMessageContaining("tidemark.lock.timeout = 'soon'");

        Tidemark tidemark = engine(SampleChanges.CreateAccounts.class)
                .configuration(TidemarkConfig.of(
                        ConfigSource.of("test", Map.of("tidemark.chain", "billing", "tidemark.instance-id", "pod-7"))))
                .build();
        assertThat(tidemark.chain()).isEqualTo("billing");
        assertThat(tidemark.instanceId()).isEqualTo("pod-7");
        assertThat(engine(SampleChanges.CreateAccounts.class)
                        .chain("from-code")
                        .configuration(config)
                        .lockTimeout(Duration.ofSeconds(5))
                        .build()
                        .chain())
                .isEqualTo("from-code");
    }

    @Test
    void theDefaultInstanceIdNamesHostAndProcess() {
        String instanceId = engine(SampleChanges.CreateAccounts.class).build().instanceId();

        assertThat(instanceId).contains("-" + ProcessHandle.current().pid() + "-");
    }

    @Test
    void aFailureFollowedByAnUnresolvedIssueKeepsTheFailuresExceptionAndNamesTheIssue() {
        Crashes.leaveStarted(store, "default", SampleChanges.WithoutRollback.class, clock);
        target.setFailing("with-rollback", true);
        List<Class<?>> classes = new java.util.ArrayList<>(SampleChanges.BASIC);
        classes.addAll(List.of(SampleChanges.WithRollback.class, SampleChanges.WithoutRollback.class));

        ChangeFailedException failure = catchThrowableOfType(
                ChangeFailedException.class,
                () -> engine(classes.toArray(Class<?>[]::new)).build().run());

        assertThat(failure).isNotNull();
        assertThat(failure.changeId()).isEqualTo("with-rollback");
        assertThat(failure.getCause()).hasMessage("simulated failure of with-rollback");
        assertThat(failure.getMessage()).contains("with-rollback", "without-rollback", "unfinished");
        assertThat(failure.getSuppressed())
                .singleElement()
                .isInstanceOfSatisfying(
                        IssuesPendingException.class,
                        issues -> assertThat(issues.issues())
                                .extracting(i -> i.changeId())
                                .containsExactly("without-rollback"));
        assertThat(failure.report().changes())
                .extracting(ChangeResult::changeId, ChangeResult::outcome)
                .contains(
                        org.assertj.core.groups.Tuple.tuple("with-rollback", ChangeOutcome.ROLLED_BACK),
                        org.assertj.core.groups.Tuple.tuple("without-rollback", ChangeOutcome.ISSUE));
        assertThat(target.attempts("without-rollback")).isZero();
    }
}
