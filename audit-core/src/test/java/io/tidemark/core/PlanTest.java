package io.tidemark.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.tidemark.core.error.ChangeFailedException;
import io.tidemark.core.error.IssuesPendingException;
import io.tidemark.core.memory.InMemoryAuditStore;
import io.tidemark.core.testing.Crashes;
import io.tidemark.core.testing.MutableClock;
import io.tidemark.spi.AuditRecord;
import io.tidemark.spi.AuditState;
import io.tidemark.tck.changes.ChangeTarget;
import io.tidemark.tck.changes.SampleChanges;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** {@link Tidemark#plan()} on the reference store: what a run would do, read without a lock or a write. */
class PlanTest {

    private final MutableClock clock = MutableClock.atFixedStart();
    private final InMemoryAuditStore store = new InMemoryAuditStore(clock);
    private final ChangeTarget target = new ChangeTarget();

    private Tidemark tidemark(List<Class<?>> changeUnits) {
        return Tidemark.builder()
                .auditStore(store)
                .configuration(TidemarkConfig.of())
                .changeUnits(changeUnits.toArray(Class<?>[]::new))
                .dependency(ChangeTarget.class, target)
                .clock(clock)
                .sleeper(clock::advance)
                .build();
    }

    private static List<Class<?>> basicAnd(Class<?>... more) {
        List<Class<?>> classes = new ArrayList<>(SampleChanges.BASIC);
        classes.addAll(List.of(more));
        return classes;
    }

    private List<AuditRecord> history() {
        return store.history().readAll("default").toList();
    }

    private static Map<String, PlannedAction> actions(Plan plan) {
        return plan.changes().stream().collect(Collectors.toMap(PlannedChange::changeId, PlannedChange::action));
    }

    /** Plans and checks that planning wrote nothing and left the lock alone. */
    private Plan planReadOnly(Tidemark tidemark) {
        List<AuditRecord> before = history();
        Plan plan = tidemark.plan();
        assertThat(history()).as("records after planning").isEqualTo(before);
        assertThat(store.lockService().inspect("default"))
                .as("the lock after planning")
                .isEmpty();
        return plan;
    }

    @Test
    void onAnEmptyChainEveryChangeWouldRun() {
        Plan plan = planReadOnly(tidemark(SampleChanges.BASIC));

        assertThat(plan.upToDate()).isFalse();
        assertThat(plan.toRun()).extracting(PlannedChange::changeId).containsExactlyElementsOf(SampleChanges.BASIC_IDS);
        assertThat(plan.toRun()).allSatisfy(c -> assertThat(c.latest()).isEmpty());
        assertThat(plan.tipSeq()).isZero();
        assertThat(plan.tipHash()).isEqualTo(AuditRecord.GENESIS_HASH);
        assertThat(plan.endsWithCheckpoint()).isFalse();
        assertThat(target.attempts("create-accounts")).isZero();
    }

    @Test
    void aChainEndingWithACheckpointOfThisChangeSetIsUpToDateAfterOneRead() {
        tidemark(SampleChanges.BASIC).run();
        List<AuditRecord> before = history();
        AuditRecord checkpoint = before.get(before.size() - 1);
        Tidemark fresh = tidemark(SampleChanges.BASIC);
        long requests = store.requestCount();

        Plan plan = fresh.plan();

        assertThat(store.requestCount() - requests)
                .as("requests of one plan on a checkpointed chain")
                .isEqualTo(1);
        assertThat(history()).isEqualTo(before);
        assertThat(store.lockService().inspect("default")).isEmpty();
        assertThat(plan.upToDate()).isTrue();
        assertThat(plan.endsWithCheckpoint()).isTrue();
        assertThat(plan.tipSeq()).isEqualTo(checkpoint.seq());
        assertThat(plan.tipHash()).isEqualTo(checkpoint.hash());
        assertThat(plan.applied())
                .extracting(PlannedChange::changeId)
                .containsExactlyElementsOf(SampleChanges.BASIC_IDS);
        assertThat(plan.changes()).allSatisfy(c -> assertThat(c.latest()).isEmpty());
    }

    @Test
    void aNewChangeWouldRunAloneAndTheOthersAreSkippedWithTheirRecords() {
        tidemark(SampleChanges.BASIC).run();

        Plan plan = planReadOnly(tidemark(basicAnd(SampleChanges.Last.class)));

        assertThat(plan.upToDate()).isFalse();
        assertThat(plan.endsWithCheckpoint())
                .as("the checkpoint is of an older change set")
                .isFalse();
        assertThat(plan.toRun()).extracting(PlannedChange::changeId).containsExactly("last");
        assertThat(plan.applied())
                .hasSize(4)
                .allSatisfy(c -> assertThat(c.latest())
                        .hasValueSatisfying(latest -> assertThat(latest.state()).isEqualTo(AuditState.APPLIED)));
        assertThat(plan.tipSeq()).isEqualTo(history().size());
        assertThat(target.attempts("last")).isZero();
    }

    @Test
    void anIssueStopsTheRunAndWhatComesAfterItIsBlockedAsTheRunWouldReport() {
        Crashes.leaveStarted(store, "default", SampleChanges.WithoutRollback.class, clock);
        List<Class<?>> changes = basicAnd(SampleChanges.WithoutRollback.class, SampleChanges.Last.class);

        Plan plan = planReadOnly(tidemark(changes));

        assertThat(plan.upToDate()).isFalse();
        assertThat(plan.toRun()).extracting(PlannedChange::changeId).containsExactlyElementsOf(SampleChanges.BASIC_IDS);
        assertThat(plan.issues()).singleElement().satisfies(issue -> {
            assertThat(issue.changeId()).isEqualTo("without-rollback");
            assertThat(issue.latest())
                    .hasValueSatisfying(l -> assertThat(l.state()).isEqualTo(AuditState.STARTED));
            assertThat(issue.issue())
                    .hasValueSatisfying(i -> assertThat(i.describe()).contains("was left STARTED"));
            assertThat(issue.describe()).contains("ISSUE", "without-rollback", "mark-applied");
        });
        assertThat(plan.blocked()).extracting(PlannedChange::changeId).containsExactly("last");

        IssuesPendingException stopped = catchThrowableOfType(
                IssuesPendingException.class, () -> tidemark(changes).run());
        Map<String, ChangeOutcome> outcomes = stopped.report().changes().stream()
                .collect(Collectors.toMap(ChangeResult::changeId, ChangeResult::outcome));
        Map<PlannedAction, ChangeOutcome> expected = Map.of(
                PlannedAction.RUN,
                ChangeOutcome.APPLIED,
                PlannedAction.ISSUE,
                ChangeOutcome.ISSUE,
                PlannedAction.BLOCKED,
                ChangeOutcome.NOT_REACHED);
        actions(plan)
                .forEach((id, action) -> assertThat(outcomes.get(id)).as(id).isEqualTo(expected.get(action)));
    }

    @Test
    void aRetryableChangeLeftStartedWouldRunAgain() {
        tidemark(SampleChanges.BASIC).run();
        Crashes.leaveStarted(store, "default", SampleChanges.Retryable.class, clock);

        Plan plan = planReadOnly(tidemark(basicAnd(SampleChanges.Retryable.class)));

        assertThat(plan.toRun()).singleElement().satisfies(c -> {
            assertThat(c.changeId()).isEqualTo("retryable");
            assertThat(c.latest()).hasValueSatisfying(l -> assertThat(l.state()).isEqualTo(AuditState.STARTED));
        });
        assertThat(plan.issues()).isEmpty();
    }

    @Test
    void aChangeRolledBackByAFailedRunWouldRunAgain() {
        target.setFailing("with-rollback", true);
        List<Class<?>> changes = basicAnd(SampleChanges.WithRollback.class);
        catchThrowableOfType(
                ChangeFailedException.class, () -> tidemark(changes).run());

        Plan plan = planReadOnly(tidemark(changes));

        assertThat(actions(plan)).containsEntry("with-rollback", PlannedAction.RUN);
        assertThat(plan.toRun().get(0).latest().orElseThrow().state()).isEqualTo(AuditState.ROLLED_BACK);
    }

    @Test
    void theSummaryNamesWhatIsPending() {
        Crashes.leaveStarted(store, "default", SampleChanges.WithoutRollback.class, clock);

        String summary = tidemark(basicAnd(SampleChanges.WithoutRollback.class, SampleChanges.Last.class))
                .plan()
                .summary();

        assertThat(summary)
                .contains(
                        "4 to run, 1 issue(s), 1 blocked, 0 applied",
                        "create-accounts",
                        "without-rollback",
                        "BLOCKED",
                        "last");
    }
}
