package io.tidemark.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.tidemark.core.Plan;
import io.tidemark.core.PlannedAction;
import io.tidemark.core.PlannedChange;
import io.tidemark.core.RunReport;
import io.tidemark.core.Tidemark;
import io.tidemark.core.TidemarkBuilder;
import io.tidemark.core.TidemarkConfig;
import io.tidemark.core.error.PendingChangesException;
import io.tidemark.spi.AuditRecord;
import io.tidemark.spi.AuditState;
import io.tidemark.spi.AuditStore;
import io.tidemark.tck.changes.ChangeTarget;
import io.tidemark.tck.changes.SampleChanges;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code Tidemark.plan()} and validate-only starts ({@code validateOnly()}, {@code tidemark.mode=validate})
 * on the store under test, counted at the client by the fixture's
 * {@link BackendFixture#openCountingStore counting store}: they write nothing, send no lock request and
 * check no table, on an up-to-date chain, one with pending changes, one with an issue, and one
 * checkpointed by an older change set; on a chain ending with a checkpoint of the change set they cost
 * exactly one tip lookup, like an idle start.
 */
public abstract class PlanContract extends StoreContractSupport {

    private MutableClock clock;
    private AuditStore store;
    private String chain;
    private ChangeTarget target;

    @BeforeEach
    void openPlanFixture() {
        clock = MutableClock.atFixedStart();
        store = openStore(clock);
        chain = uniqueName("tck-plan");
        target = new ChangeTarget();
    }

    private TidemarkBuilder builder(AuditStore on, List<Class<?>> changes) {
        return Tidemark.builder()
                .auditStore(on)
                .configuration(TidemarkConfig.of())
                .chain(chain)
                .changeUnits(changes.toArray(Class<?>[]::new))
                .dependency(ChangeTarget.class, target)
                .clock(clock)
                .sleeper(clock::advance)
                .instanceId("tck-planner");
    }

    private static List<Class<?>> basicAnd(Class<?>... more) {
        List<Class<?>> classes = new ArrayList<>(SampleChanges.BASIC);
        classes.addAll(List.of(more));
        return classes;
    }

    private List<AuditRecord> history() {
        return store.history().readAll(chain).toList();
    }

    /** What {@code action} sent through {@code counting}, checking that it left the chain and the lock alone. */
    private <T> Counted<T> counted(CountingStore counting, Supplier<T> action) {
        List<AuditRecord> before = history();
        RequestCounts start = counting.counts();
        T result = action.get();
        RequestCounts used = counting.counts().minus(start);
        assertThat(history()).as("the chain after a read-only call").isEqualTo(before);
        assertThat(store.lockService().inspect(chain))
                .as("the lock after a read-only call")
                .isEmpty();
        return new Counted<>(result, used);
    }

    private record Counted<T>(T result, RequestCounts used) {
        /** No audit write, no lock request, no table check or creation. */
        void wroteNothing() {
            assertThat(used.auditWrites()).as("audit writes: %s", used).isZero();
            assertThat(used.lockRequests()).as("lock requests: %s", used).isZero();
            assertThat(used.otherRequests())
                    .as("table checks or creations: %s", used)
                    .isZero();
        }
    }

    /** A validate-only start through {@code counting} that is expected to find something pending. */
    private Counted<PendingChangesException> validateExpectingPending(CountingStore counting, List<Class<?>> changes) {
        Tidemark validating = builder(counting.store(), changes).validateOnly().build();
        return counted(counting, () -> catchThrowableOfType(PendingChangesException.class, validating::run));
    }

    @Test
    void onAChainEndingWithACheckpointOfTheChangeSetBothCostOneTipLookup() {
        builder(store, SampleChanges.BASIC).build().run();
        AuditRecord checkpoint = store.history().tip(chain).orElseThrow();
        CountingStore counting = openCountingStore(clock);
        Tidemark planning = builder(counting.store(), SampleChanges.BASIC).build();
        Tidemark validating =
                builder(counting.store(), SampleChanges.BASIC).validateOnly().build();
        RequestCounts oneTipLookup = new RequestCounts(counting.tipLookupRequests(), 0, 0, 0, 1);

        Counted<Plan> plan = counted(counting, planning::plan);
        Counted<RunReport> validated = counted(counting, validating::run);

        assertThat(plan.used()).as("plan()").isEqualTo(oneTipLookup);
        assertThat(validated.used()).as("a validate-only start").isEqualTo(oneTipLookup);
        assertThat(plan.result().upToDate()).isTrue();
        assertThat(plan.result().endsWithCheckpoint()).isTrue();
        assertThat(plan.result().tipSeq()).isEqualTo(checkpoint.seq());
        assertThat(plan.result().tipHash()).isEqualTo(checkpoint.hash());
        assertThat(plan.result().applied())
                .extracting(PlannedChange::changeId)
                .containsExactlyElementsOf(SampleChanges.BASIC_IDS);
        assertThat(validated.result().nothingToDo()).isTrue();
        assertThat(validated.result().lockAcquired()).isFalse();
        assertThat(validated.result().tipSeq()).isEqualTo(checkpoint.seq());
    }

    @Test
    void onAnEmptyChainEveryChangeIsPendingAndNothingIsWritten() {
        CountingStore counting = openCountingStore(clock);
        Tidemark planning = builder(counting.store(), SampleChanges.BASIC).build();

        Counted<Plan> plan = counted(counting, planning::plan);
        Counted<PendingChangesException> validated = validateExpectingPending(counting, SampleChanges.BASIC);

        plan.wroteNothing();
        validated.wroteNothing();
        assertThat(plan.result().toRun())
                .extracting(PlannedChange::changeId)
                .containsExactlyElementsOf(SampleChanges.BASIC_IDS);
        assertThat(plan.result().tipSeq()).isZero();
        assertThat(plan.result().tipHash()).isEqualTo(AuditRecord.GENESIS_HASH);
        assertThat(validated.result().pending())
                .extracting(PlannedChange::changeId)
                .containsExactlyElementsOf(SampleChanges.BASIC_IDS);
        assertThat(target.attempts("create-accounts")).isZero();
    }

    @Test
    void aPendingChangeIsPlannedToRunAndNamedByAValidateOnlyStart() {
        builder(store, basicAnd(SampleChanges.Last.class)).build().run();
        Crashes.leaveStarted(store, chain, SampleChanges.Retryable.class, clock);
        CountingStore counting = openCountingStore(clock);
        List<Class<?>> changes = basicAnd(SampleChanges.Retryable.class, SampleChanges.Last.class);
        Tidemark planning = builder(counting.store(), changes).build();

        Counted<Plan> plan = counted(counting, planning::plan);
        Counted<PendingChangesException> validated = validateExpectingPending(counting, changes);

        plan.wroteNothing();
        validated.wroteNothing();
        assertThat(plan.result().toRun()).singleElement().satisfies(change -> {
            assertThat(change.changeId()).isEqualTo("retryable");
            assertThat(change.latest())
                    .hasValueSatisfying(l -> assertThat(l.state()).isEqualTo(AuditState.STARTED));
        });
        assertThat(plan.result().applied()).hasSize(5);
        assertThat(validated.result()).hasMessageContaining("retryable").hasMessageContaining("1 change(s) would run");
        assertThat(target.attempts("retryable")).isZero();
    }

    @Test
    void anIssueIsPlannedWithItsRecordAndTheChangesAfterItAreBlocked() {
        builder(store, SampleChanges.BASIC).build().run();
        AuditRecord started = Crashes.leaveStarted(store, chain, SampleChanges.WithoutRollback.class, clock);
        CountingStore counting = openCountingStore(clock);
        List<Class<?>> changes = basicAnd(SampleChanges.WithoutRollback.class, SampleChanges.Last.class);
        Tidemark planning = builder(counting.store(), changes).build();

        Counted<Plan> plan = counted(counting, planning::plan);
        Counted<PendingChangesException> validated = validateExpectingPending(counting, changes);

        plan.wroteNothing();
        validated.wroteNothing();
        assertThat(plan.result().issues()).singleElement().satisfies(issue -> {
            assertThat(issue.changeId()).isEqualTo("without-rollback");
            assertThat(issue.latest()).contains(started);
        });
        assertThat(plan.result().blocked()).extracting(PlannedChange::changeId).containsExactly("last");
        assertThat(plan.result().toRun()).isEmpty();
        assertThat(plan.result().upToDate()).isFalse();
        assertThat(validated.result())
                .hasMessageContaining("without-rollback")
                .hasMessageContaining("was left STARTED")
                .hasMessageContaining("last");
    }

    @Test
    void aChainCheckpointedByAnOlderChangeSetIsReadAndPlanned() {
        builder(store, SampleChanges.BASIC).build().run();
        long tip = store.history().tip(chain).orElseThrow().seq();
        CountingStore counting = openCountingStore(clock);
        List<Class<?>> changes = basicAnd(SampleChanges.Last.class);
        Tidemark planning = builder(counting.store(), changes).build();

        Counted<Plan> plan = counted(counting, planning::plan);
        Counted<PendingChangesException> validated = validateExpectingPending(counting, changes);

        plan.wroteNothing();
        validated.wroteNothing();
        assertThat(plan.result().endsWithCheckpoint()).isFalse();
        assertThat(plan.result().tipSeq()).isEqualTo(tip);
        assertThat(plan.used().recordsRead())
                .as("the history is read: %s", plan.used())
                .isGreaterThanOrEqualTo(tip);
        assertThat(plan.result().changes())
                .extracting(PlannedChange::action)
                .containsExactly(
                        PlannedAction.SKIP_APPLIED,
                        PlannedAction.SKIP_APPLIED,
                        PlannedAction.SKIP_APPLIED,
                        PlannedAction.SKIP_APPLIED,
                        PlannedAction.RUN);
        assertThat(validated.result().plan().toRun())
                .extracting(PlannedChange::changeId)
                .containsExactly("last");

        RunReport run = builder(store, changes).build().run();
        assertThat(run.applied()).extracting(c -> c.changeId()).containsExactly("last");
    }
}
