package io.tidemark.core.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.tidemark.core.ChangeResult;
import io.tidemark.core.Plan;
import io.tidemark.core.PlannedChange;
import io.tidemark.core.RunReport;
import io.tidemark.core.Tidemark;
import io.tidemark.core.TidemarkConfig;
import io.tidemark.core.error.BaselineRefusedException;
import io.tidemark.core.error.ChangeFailedException;
import io.tidemark.core.error.ConfigurationException;
import io.tidemark.core.error.LockTimeoutException;
import io.tidemark.core.memory.InMemoryAuditStore;
import io.tidemark.core.testing.MutableClock;
import io.tidemark.spi.AuditRecord;
import io.tidemark.spi.AuditState;
import io.tidemark.spi.Lease;
import io.tidemark.tck.changes.ChangeTarget;
import io.tidemark.tck.changes.NumberedChanges;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link OperatorApi#baseline} on the reference store: adopting Tidemark on a system that has some changes. */
class BaselineTest {

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
                .lockTimeout(Duration.ZERO)
                .instanceId("adopter-host")
                .build();
    }

    private Tidemark all() {
        return tidemark(NumberedChanges.ALL);
    }

    private List<AuditRecord> history() {
        return store.history().readAll("default").toList();
    }

    /** The fencing token of a lock taken and released now: one more than the last acquisition's. */
    private long probeLockToken() {
        Lease probe = store.lockService()
                .tryAcquire("default", "probe", Duration.ofSeconds(1))
                .orElseThrow();
        store.lockService().release(probe);
        return probe.token();
    }

    @Test
    void aBaselineAtSixMarksOneToSixAppliedInOneLockHoldAndTheNextRunAppliesSevenToTen() {
        long tokenBefore = probeLockToken();

        Baseline baseline = all().operator().baseline("6", "ana", "applied by the old migration tool");

        assertThat(probeLockToken())
                .as("one lock acquisition between the probes")
                .isEqualTo(tokenBefore + 2);
        assertThat(baseline.markedIds()).containsExactlyElementsOf(NumberedChanges.ids(1, 6));
        assertThat(baseline.alreadyApplied()).isEmpty();
        assertThat(baseline.checkpoint()).isEmpty();
        assertThat(baseline.tipSeq()).isEqualTo(6);
        List<AuditRecord> records = history();
        assertThat(records).hasSize(6).allSatisfy(record -> {
            assertThat(record.state()).isEqualTo(AuditState.MARKED_APPLIED);
            assertThat(record.metadata())
                    .containsEntry(AuditRecord.META_BASELINE, "true")
                    .containsEntry(AuditRecord.META_OPERATOR, "ana")
                    .containsEntry(AuditRecord.META_REASON, "applied by the old migration tool");
            assertThat(record.executionId()).isEqualTo(records.get(0).executionId());
            assertThat(record.instanceId()).isEqualTo("adopter-host");
            assertThat(record.author()).isEqualTo("adopter");
        });
        assertThat(records).extracting(AuditRecord::order).containsExactly("1", "2", "3", "4", "5", "6");
        assertThat(records.get(0).className()).isEqualTo(NumberedChanges.Step01.class.getName());

        RunReport run = all().run();

        assertThat(run.applied())
                .extracting(ChangeResult::changeId)
                .containsExactlyElementsOf(NumberedChanges.ids(7, 10));
        assertThat(run.skipped())
                .extracting(ChangeResult::changeId)
                .containsExactlyElementsOf(NumberedChanges.ids(1, 6));
        NumberedChanges.ids(1, 6)
                .forEach(id -> assertThat(target.attempts(id)).as(id).isZero());
        assertThat(all().operator().verify().isIntact()).isTrue();
        assertThat(store.history().tip("default").orElseThrow().state()).isEqualTo(AuditState.CHECKPOINT);

        Tidemark restarted = all();
        long requests = store.requestCount();
        RunReport idle = restarted.run();
        assertThat(store.requestCount() - requests)
                .as("an idle start after baseline and run")
                .isEqualTo(1);
        assertThat(idle.nothingToDo()).isTrue();
        assertThat(idle.lockAcquired()).isFalse();
    }

    @Test
    void aSecondBaselineAtTheSameOrderIsRefusedAndWritesNothing() {
        all().operator().baseline("6", "ana", "adopting Tidemark");
        List<AuditRecord> before = history();

        BaselineRefusedException refused = catchThrowableOfType(
                BaselineRefusedException.class, () -> all().operator().baseline("6", "ana", "adopting Tidemark"));

        assertThat(refused)
                .hasMessageContaining("Nothing to baseline up to order '6'")
                .hasMessageContaining("step-01")
                .hasMessageContaining("step-06")
                .hasMessageContaining("nothing was written");
        assertThat(refused.isTransient()).isFalse();
        assertThat(history()).isEqualTo(before);
        assertThat(store.lockService().inspect("default")).isEmpty();
    }

    @Test
    void aLaterBaselineMarksOnlyWhatHasNoRecordAndLeavesAppliedChangesAsTheyAre() {
        all().operator().baseline("3", "ana", "first part");
        tidemark(NumberedChanges.ALL.subList(0, 4)).run();

        Baseline second = all().operator().baseline("6", "ana", "second part");

        assertThat(second.markedIds()).containsExactly("step-05", "step-06");
        assertThat(second.alreadyApplied()).containsExactlyElementsOf(NumberedChanges.ids(1, 4));
        assertThat(target.attempts("step-04")).isEqualTo(1);
    }

    @Test
    void aChangeAtOrBelowTheOrderThatFailedRefusesTheBaselineNamingIt() {
        target.setFailing("step-02", true);
        catchThrowableOfType(
                ChangeFailedException.class,
                () -> tidemark(NumberedChanges.ALL.subList(0, 2)).run());
        List<AuditRecord> before = history();

        BaselineRefusedException refused = catchThrowableOfType(
                BaselineRefusedException.class, () -> all().operator().baseline("6", "ana", "adopting Tidemark"));

        assertThat(refused.changeIds()).containsExactly("step-02");
        assertThat(refused)
                .hasMessageContaining("step-02 (order 2): FAILED at seq 4")
                .hasMessageContaining("simulated failure of step-02")
                .hasMessageContaining("Nothing was written")
                .hasMessageContaining("mark-applied")
                .hasMessageNotContaining("step-01 (order");
        assertThat(history()).isEqualTo(before);
    }

    @Test
    void aChangeRolledBackByAnOperatorAlsoRefusesIt() {
        all().run();
        all().operator().markRolledBack("step-08", "ana", "index dropped by hand");

        BaselineRefusedException refused = catchThrowableOfType(
                BaselineRefusedException.class, () -> all().operator().baseline("10", "ana", "adopting"));

        assertThat(refused.changeIds()).containsExactly("step-08");
        assertThat(refused).hasMessageContaining("MARKED_ROLLED_BACK");
    }

    @Test
    void aBaselineOfEveryChangeEndsWithACheckpointSoThatTheNextStartIsOneRead() {
        Baseline baseline = all().operator().baseline("10", "ana", "the system has every change");

        assertThat(baseline.markedIds()).containsExactlyElementsOf(NumberedChanges.ids(1, 10));
        AuditRecord checkpoint = baseline.checkpoint().orElseThrow();
        assertThat(checkpoint.seq()).isEqualTo(11);
        assertThat(checkpoint.metadata()).containsEntry(AuditRecord.META_CHANGE_SET_DIGEST, all().changeSetDigest());
        assertThat(baseline.tipSeq()).isEqualTo(11);
        Tidemark restarted = all();
        long requests = store.requestCount();

        Plan plan = restarted.plan();
        RunReport run = restarted.run();

        assertThat(store.requestCount() - requests).as("a plan and a start").isEqualTo(2);
        assertThat(plan.upToDate()).isTrue();
        assertThat(plan.endsWithCheckpoint()).isTrue();
        assertThat(run.nothingToDo()).isTrue();
        assertThat(all().operator().verify().isIntact()).isTrue();
    }

    @Test
    void theOrderMustBeThatOfAChangeUnit() {
        BaselineRefusedException refused = catchThrowableOfType(
                BaselineRefusedException.class, () -> all().operator().baseline("60", "ana", "typo"));

        assertThat(refused)
                .hasMessageContaining("No change unit has order '60'")
                .hasMessageContaining("1, 2, 3, 4, 5, 6, 7, 8, 9, 10");
        assertThat(history()).isEmpty();
        assertThat(all().operator()
                        .baseline("06", "ana", "numeric segments compare as numbers")
                        .markedIds())
                .hasSize(6);
    }

    @Test
    void malformedInputIsRefusedBeforeTheLockIsTaken() {
        store.lockService()
                .tryAcquire("default", "someone-else", Duration.ofMinutes(5))
                .orElseThrow();
        OperatorApi operator = all().operator();

        assertThat(catchThrowableOfType(IllegalArgumentException.class, () -> operator.baseline("6..1", "ana", "x")))
                .hasMessageContaining("empty segment");
        assertThat(catchThrowableOfType(IllegalArgumentException.class, () -> operator.baseline("6", " ", "x")))
                .hasMessageContaining("operator");
        assertThat(catchThrowableOfType(
                        IllegalArgumentException.class, () -> operator.baseline("6", "ana", "r".repeat(5_000))))
                .hasMessageContaining("reason");
        assertThat(catchThrowableOfType(LockTimeoutException.class, () -> operator.baseline("6", "ana", "valid")))
                .hasMessageContaining("someone-else");
        assertThat(history()).isEmpty();
    }

    @Test
    void anOperatorWithoutChangeUnitsCannotBaseline() {
        OperatorApi bare = Tidemark.builder()
                .auditStore(store)
                .configuration(TidemarkConfig.of())
                .clock(clock)
                .buildOperator();

        ConfigurationException error =
                catchThrowableOfType(ConfigurationException.class, () -> bare.baseline("6", "ana", "adopting"));

        assertThat(error).hasMessageContaining("needs the change units").hasMessageContaining("--scan-package");
        assertThat(history()).isEmpty();
    }

    @Test
    void theOperatorBuiltWithChangeUnitsCanBaselineAndThePlanThenShowsTheRest() {
        OperatorApi operator = Tidemark.builder()
                .auditStore(store)
                .configuration(TidemarkConfig.of())
                .clock(clock)
                .changeUnits(NumberedChanges.ALL.toArray(Class<?>[]::new))
                .dependency(ChangeTarget.class, target)
                .buildOperator();

        operator.baseline("4", "ana", "adopting");

        assertThat(all().plan().toRun())
                .extracting(PlannedChange::changeId)
                .containsExactlyElementsOf(NumberedChanges.ids(5, 10));
        assertThat(history()).hasSize(4);
    }
}
