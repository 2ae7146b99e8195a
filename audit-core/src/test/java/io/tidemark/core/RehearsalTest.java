package io.tidemark.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.tidemark.core.chain.VerificationResult;
import io.tidemark.core.error.ChangeFailedException;
import io.tidemark.core.error.ConfigurationException;
import io.tidemark.core.error.UnknownChangeException;
import io.tidemark.core.memory.InMemoryAuditStore;
import io.tidemark.core.testing.MutableClock;
import io.tidemark.spi.AuditRecord;
import io.tidemark.spi.AuditState;
import io.tidemark.tck.changes.ChangeTarget;
import io.tidemark.tck.changes.SampleChanges;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** {@link Rehearsal}: one change at a time, recorded as a run records it. */
class RehearsalTest {

    private final MutableClock clock = MutableClock.atFixedStart();
    private final InMemoryAuditStore store = new InMemoryAuditStore(clock);
    private final ChangeTarget target = new ChangeTarget();

    private TidemarkBuilder builder(Class<?>... changeUnits) {
        return Tidemark.builder()
                .configuration(TidemarkConfig.of())
                .changeUnits(changeUnits)
                .dependency(ChangeTarget.class, target)
                .clock(clock)
                .sleeper(clock::advance);
    }

    private static List<AuditState> states(Rehearsal rehearsal) {
        try (Stream<AuditRecord> history = rehearsal.operator().history()) {
            return history.map(AuditRecord::state).toList();
        }
    }

    @Test
    void applyRollBackApplyIsRecordedAsARunWouldAndALaterRunFindsNothingToDo() {
        Rehearsal rehearsal = builder(SampleChanges.CreateAccounts.class, SampleChanges.WithRollback.class)
                .auditStore(store)
                .buildRehearsal();

        ChangeResult applied = rehearsal.apply("with-rollback");
        ChangeResult rolledBack = rehearsal.rollBack("with-rollback");
        rehearsal.apply("with-rollback");
        RunReport run = rehearsal.run();

        assertThat(applied.outcome()).isEqualTo(ChangeOutcome.APPLIED);
        assertThat(rolledBack.outcome()).isEqualTo(ChangeOutcome.ROLLED_BACK);
        assertThat(target.applied("with-rollback")).isEqualTo(2);
        assertThat(target.rollbacks("with-rollback")).isEqualTo(1);
        assertThat(run.applied()).extracting(ChangeResult::changeId).containsExactly("create-accounts");
        assertThat(run.skipped()).extracting(ChangeResult::changeId).containsExactly("with-rollback");
        assertThat(states(rehearsal))
                .containsExactly(
                        AuditState.STARTED,
                        AuditState.APPLIED,
                        AuditState.ROLLED_BACK,
                        AuditState.STARTED,
                        AuditState.APPLIED,
                        AuditState.STARTED,
                        AuditState.APPLIED,
                        AuditState.CHECKPOINT);
        assertThat(rehearsal.operator().verify()).isInstanceOf(VerificationResult.Intact.class);
        assertThat(rehearsal.store()).isSameAs(store);
    }

    /** Records which instance ran its execution and which ran its rollback. */
    @io.tidemark.api.ChangeUnit(id = "remembering", order = "1")
    public static final class Remembering {
        static final List<Map.Entry<String, Remembering>> CALLS = new java.util.concurrent.CopyOnWriteArrayList<>();

        @io.tidemark.api.Execution
        public void apply() {
            CALLS.add(Map.entry("apply", this));
        }

        @io.tidemark.api.RollbackExecution
        public void undo() {
            CALLS.add(Map.entry("undo", this));
        }
    }

    @Test
    void aRollbackRunsOnTheInstanceWhoseExecutionAppliedTheChangeInThisRehearsal() {
        Remembering.CALLS.clear();
        Rehearsal rehearsal = builder(Remembering.class).buildRehearsal();

        rehearsal.apply("remembering");
        rehearsal.rollBack("remembering");
        rehearsal.apply("remembering");
        rehearsal.apply("remembering");
        rehearsal.rollBack("remembering");
        rehearsal.rollBack("remembering");
        rehearsal.run();
        rehearsal.rollBack("remembering");

        List<Map.Entry<String, Remembering>> calls = Remembering.CALLS;
        assertThat(calls)
                .extracting(Map.Entry::getKey)
                .containsExactly("apply", "undo", "apply", "apply", "undo", "undo", "apply", "undo");
        assertThat(calls.get(1).getValue()).isSameAs(calls.get(0).getValue());
        assertThat(calls.get(3).getValue()).isNotSameAs(calls.get(2).getValue());
        assertThat(calls.get(4).getValue()).isSameAs(calls.get(3).getValue());
        // A second rollback, and one after a run applied the change, have no applying instance: a new one.
        assertThat(calls.get(5).getValue()).isNotSameAs(calls.get(3).getValue());
        assertThat(calls.get(7).getValue())
                .isNotSameAs(calls.get(6).getValue())
                .isNotSameAs(calls.get(3).getValue());
    }

    @Test
    void aRolledBackChangeIsRunAgainByTheNextRun() {
        Rehearsal rehearsal = builder(SampleChanges.WithRollback.class).buildRehearsal();
        rehearsal.apply("with-rollback");
        rehearsal.rollBack("with-rollback");

        RunReport run = rehearsal.run();

        assertThat(run.applied()).extracting(ChangeResult::changeId).containsExactly("with-rollback");
        assertThat(target.applied("with-rollback")).isEqualTo(2);
    }

    @Test
    void withoutAStoreTheChainIsAFreshInMemoryOneNeverOneFromConfiguration() {
        Rehearsal rehearsal = Tidemark.builder()
                .configuration(TidemarkConfig.of(ConfigSource.of(
                        "test", Map.of("tidemark.store", "no-such-store", "tidemark.chain", "rehearsed"))))
                .changeUnits(SampleChanges.CreateAccounts.class)
                .dependency(ChangeTarget.class, target)
                .clock(clock)
                .buildRehearsal();

        rehearsal.apply("create-accounts");

        assertThat(rehearsal.store()).isInstanceOf(InMemoryAuditStore.class);
        assertThat(rehearsal.chain()).isEqualTo("rehearsed");
        assertThat(states(rehearsal)).containsExactly(AuditState.STARTED, AuditState.APPLIED);
        assertThat(rehearsal.changeUnits()).extracting(ChangeUnitInfo::id).containsExactly("create-accounts");
    }

    @Test
    void aFailingChangeIsRecordedFailedAndRolledBackAndThrowsWithItsError() {
        target.setFailing("with-rollback", true);
        Rehearsal rehearsal = builder(SampleChanges.WithRollback.class).buildRehearsal();

        ChangeFailedException error =
                catchThrowableOfType(ChangeFailedException.class, () -> rehearsal.apply("with-rollback"));

        assertThat(error.changeId()).isEqualTo("with-rollback");
        assertThat(error.getCause()).isNotNull();
        assertThat(error.getMessage()).contains("Change 'with-rollback' failed (ROLLED_BACK)");
        assertThat(error.report().changes())
                .singleElement()
                .satisfies(result -> assertThat(result.outcome()).isEqualTo(ChangeOutcome.ROLLED_BACK));
        assertThat(states(rehearsal)).containsExactly(AuditState.STARTED, AuditState.FAILED, AuditState.ROLLED_BACK);
    }

    @Test
    void aFailingRollbackIsRecordedRollbackFailedAndThrowsWithTheRollbacksError() {
        target.setRollbackFailing("with-rollback");
        Rehearsal rehearsal = builder(SampleChanges.WithRollback.class).buildRehearsal();
        rehearsal.apply("with-rollback");

        ChangeFailedException error =
                catchThrowableOfType(ChangeFailedException.class, () -> rehearsal.rollBack("with-rollback"));

        assertThat(error.getMessage()).contains("Rollback of change 'with-rollback' failed");
        assertThat(error.getCause()).isNotNull();
        assertThat(error.report().changes())
                .singleElement()
                .satisfies(result -> assertThat(result.outcome()).isEqualTo(ChangeOutcome.ROLLBACK_FAILED));
        assertThat(states(rehearsal))
                .containsExactly(AuditState.STARTED, AuditState.APPLIED, AuditState.ROLLBACK_FAILED);
    }

    @Test
    void aChangeWithoutRollbackCannotBeRolledBackAndAnUnknownIdIsNamed() {
        Rehearsal rehearsal = builder(SampleChanges.WithoutRollback.class, SampleChanges.WithRollback.class)
                .buildRehearsal();

        assertThat(rehearsal.hasRollback("with-rollback")).isTrue();
        assertThat(rehearsal.hasRollback("without-rollback")).isFalse();
        assertThatThrownBy(() -> rehearsal.rollBack("without-rollback"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'without-rollback'", "has no @RollbackExecution method");
        assertThatThrownBy(() -> rehearsal.apply("With-Rollback"))
                .isInstanceOf(UnknownChangeException.class)
                .hasMessageContaining("'With-Rollback'", "with-rollback, without-rollback");
        assertThat(states(rehearsal)).isEmpty();
    }

    @Test
    void invalidChangeUnitsFailAsBuildFails() {
        assertThatThrownBy(() -> Tidemark.builder()
                        .configuration(TidemarkConfig.of())
                        .changeUnits(SampleChanges.CreateAccounts.class)
                        .buildRehearsal())
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("ChangeTarget", "nothing supplies it");
    }
}
