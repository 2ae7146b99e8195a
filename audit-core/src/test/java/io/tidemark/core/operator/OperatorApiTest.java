package io.tidemark.core.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.tidemark.api.Recovery;
import io.tidemark.core.ChangeResult;
import io.tidemark.core.ChangeUnitInfo;
import io.tidemark.core.RunReport;
import io.tidemark.core.Tidemark;
import io.tidemark.core.TidemarkConfig;
import io.tidemark.core.error.UnknownChangeException;
import io.tidemark.core.memory.InMemoryAuditStore;
import io.tidemark.core.testing.MutableClock;
import io.tidemark.spi.AuditRecord;
import io.tidemark.spi.AuditState;
import io.tidemark.tck.changes.ChangeTarget;
import io.tidemark.tck.changes.SampleChanges;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class OperatorApiTest {

    private final MutableClock clock = MutableClock.atFixedStart();
    private final InMemoryAuditStore store = new InMemoryAuditStore(clock);
    private final ChangeTarget target = new ChangeTarget();

    private Tidemark tidemark(Class<?>... changeUnits) {
        return Tidemark.builder()
                .auditStore(store)
                .configuration(TidemarkConfig.of())
                .changeUnits(changeUnits)
                .dependency(ChangeTarget.class, target)
                .clock(clock)
                .sleeper(clock::advance)
                .instanceId("operator-host")
                .build();
    }

    @Test
    void markingANeverRunChangeAppliedSkipsIt() {
        Tidemark tidemark = tidemark(SampleChanges.CreateAccounts.class, SampleChanges.SeedAccounts.class);

        AuditRecord mark = tidemark.operator().markApplied("seed-accounts", "ana", "seeded by the old tool");
        RunReport report = tidemark.run();

        assertThat(mark.seq()).isEqualTo(1);
        assertThat(mark.className()).isEmpty();
        assertThat(mark.instanceId()).isEqualTo("operator-host");
        assertThat(report.applied()).extracting(ChangeResult::changeId).containsExactly("create-accounts");
        assertThat(target.attempts("seed-accounts")).isZero();
    }

    @Test
    void markingAnAppliedChangeAppliedAppendsNothing() {
        Tidemark tidemark = tidemark(SampleChanges.CreateAccounts.class);
        tidemark.run();
        long tip = tidemark.operator().tip().orElseThrow().seq();

        AuditRecord latest = tidemark.operator().markApplied("create-accounts", "ana", "double check");

        assertThat(latest.state()).isEqualTo(AuditState.APPLIED);
        assertThat(tidemark.operator().tip().orElseThrow().seq()).isEqualTo(tip);
    }

    @Test
    void markingAnAppliedChangeRolledBackMakesItRunAgain() {
        Tidemark tidemark = tidemark(SampleChanges.CreateAccounts.class);
        tidemark.run();

        AuditRecord mark = tidemark.operator().markRolledBack("create-accounts", "ana", "table dropped by hand");
        RunReport again = tidemark.run();

        assertThat(mark.author()).isEqualTo("tck");
        assertThat(mark.className()).isEqualTo(SampleChanges.CreateAccounts.class.getName());
        assertThat(again.applied()).hasSize(1);
        assertThat(target.applied("create-accounts")).isEqualTo(2);
    }

    @Test
    void anUnknownChangeIdIsRefusedNamingTheKnownOnes() {
        Tidemark tidemark = tidemark(SampleChanges.CreateAccounts.class);
        tidemark.run();

        UnknownChangeException error = catchThrowableOfType(
                UnknownChangeException.class, () -> tidemark.operator().markApplied("create-acounts", "ana", "typo"));

        assertThat(error)
                .hasMessageContaining("'create-acounts'")
                .hasMessageContaining("create-accounts")
                .hasMessageContaining("case-sensitive");
        assertThat(catchThrowableOfType(
                        UnknownChangeException.class,
                        () -> tidemark.operator().markRolledBack("seed-accounts", "ana", "never ran")))
                .hasMessageContaining("no record of change 'seed-accounts'");
    }

    @Test
    void withoutChangeClassesOnlyChangesInTheHistoryCanBeMarked() {
        tidemark(SampleChanges.CreateAccounts.class).run();
        OperatorApi bare = Tidemark.builder()
                .auditStore(store)
                .configuration(TidemarkConfig.of())
                .clock(clock)
                .sleeper(clock::advance)
                .instanceId("cli")
                .buildOperator();

        assertThat(bare.markRolledBack("create-accounts", "ana", "redo").state())
                .isEqualTo(AuditState.MARKED_ROLLED_BACK);
        assertThatThrownBy(() -> bare.markApplied("seed-accounts", "ana", "x"))
                .isInstanceOf(UnknownChangeException.class);
    }

    @Test
    void operatorAndReasonAreRequired() {
        Tidemark tidemark = tidemark(SampleChanges.CreateAccounts.class);

        assertThatThrownBy(() -> tidemark.operator().markApplied("create-accounts", " ", "why"))
                .hasMessageContaining("operator");
        assertThatThrownBy(() -> tidemark.operator().markApplied("create-accounts", "ana", ""))
                .hasMessageContaining("reason");
        assertThat(store.requestCount()).isZero();
    }

    @Test
    void lockHolderShowsWhoHoldsTheChainUntilWhen() {
        Tidemark tidemark = tidemark(SampleChanges.CreateAccounts.class);
        store.lockService()
                .tryAcquire("default", "pod-3/run-9", Duration.ofMinutes(1))
                .orElseThrow();

        assertThat(tidemark.operator().lockHolder()).hasValueSatisfying(lease -> {
            assertThat(lease.owner()).isEqualTo("pod-3/run-9");
            assertThat(lease.expiresAt()).isEqualTo(clock.instant().plus(Duration.ofMinutes(1)));
        });
    }

    @Test
    void anOperatorBuiltWithChangeUnitsKnowsThemBeforeTheyEverRan() {
        try (OperatorApi operator = Tidemark.builder()
                .auditStore(store)
                .configuration(TidemarkConfig.of())
                .changeUnits(SampleChanges.CreateAccounts.class)
                .dependency(target)
                .clock(clock)
                .sleeper(clock::advance)
                .instanceId("cli")
                .buildOperator()) {
            AuditRecord mark = operator.markApplied("create-accounts", "ana", "created by the old tool");

            assertThat(mark.state()).isEqualTo(AuditState.MARKED_APPLIED);
        }
        assertThat(tidemark(SampleChanges.CreateAccounts.class).run().nothingToDo())
                .isTrue();
        assertThat(store.history().tip("default")).isPresent();
    }

    @Test
    void closingAnOperatorLeavesAStoreItDoesNotOwnOpen() {
        OperatorApi operator = Tidemark.builder()
                .auditStore(store)
                .configuration(TidemarkConfig.of())
                .clock(clock)
                .buildOperator();

        operator.close();

        assertThat(operator.store()).isSameAs(store);
        assertThat(operator.tip()).isEmpty();
    }

    @Test
    void changeUnitsAreDescribedWithoutReflectionHandles() {
        Tidemark tidemark = tidemark(SampleChanges.Retryable.class, SampleChanges.CreateAccounts.class);

        assertThat(tidemark.changeUnits())
                .containsExactly(
                        new ChangeUnitInfo(
                                "create-accounts",
                                "1",
                                "tck",
                                "",
                                Recovery.MANUAL_INTERVENTION,
                                SampleChanges.CreateAccounts.class.getName(),
                                false),
                        new ChangeUnitInfo(
                                "retryable",
                                "22",
                                "tck",
                                "",
                                Recovery.RETRY,
                                SampleChanges.Retryable.class.getName(),
                                false));
        assertThat(tidemark.changeSetDigest()).hasSize(64).isLowerCase();
    }
}
