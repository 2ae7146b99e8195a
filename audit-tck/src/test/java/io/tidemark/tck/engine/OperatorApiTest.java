package io.tidemark.tck.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.tidemark.core.Tidemark;
import io.tidemark.core.config.TidemarkConfig;
import io.tidemark.core.error.UnknownChangeException;
import io.tidemark.core.model.AuditRecord;
import io.tidemark.core.model.AuditState;
import io.tidemark.core.model.ChangeResult;
import io.tidemark.core.model.RunReport;
import io.tidemark.core.operator.OperatorApi;
import io.tidemark.tck.MutableClock;
import io.tidemark.tck.changes.ChangeTarget;
import io.tidemark.tck.changes.SampleChanges;
import io.tidemark.tck.memory.InMemoryAuditStore;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class OperatorApiTest {

    private final MutableClock clock = MutableClock.atFixedStart();
    private final InMemoryAuditStore store = new InMemoryAuditStore(clock);
    private final ChangeTarget target = new ChangeTarget();

    private Tidemark tidemark(Class<?>... changeUnits) {
        return Tidemark.builder().auditStore(store).configuration(TidemarkConfig.of()).changeUnits(changeUnits)
                .dependency(ChangeTarget.class, target).clock(clock).sleeper(clock::advance)
                .instanceId("operator-host").build();
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

        UnknownChangeException error = catchThrowableOfType(UnknownChangeException.class,
                () -> tidemark.operator().markApplied("create-acounts", "ana", "typo"));

        assertThat(error).hasMessageContaining("'create-acounts'").hasMessageContaining("create-accounts")
                .hasMessageContaining("case-sensitive");
        assertThat(catchThrowableOfType(UnknownChangeException.class,
                () -> tidemark.operator().markRolledBack("seed-accounts", "ana", "never ran")))
                .hasMessageContaining("no record of change 'seed-accounts'");
    }

    @Test
    void withoutChangeClassesOnlyChangesInTheHistoryCanBeMarked() {
        tidemark(SampleChanges.CreateAccounts.class).run();
        OperatorApi bare = new OperatorApi(store, "default", java.util.Map.of(), io.tidemark.core.lock.LockPolicy.DEFAULT,
                clock, clock::advance, "cli-host", "cli");

        assertThat(bare.markRolledBack("create-accounts", "ana", "redo").state()).isEqualTo(AuditState.MARKED_ROLLED_BACK);
        assertThatThrownBy(() -> bare.markApplied("seed-accounts", "ana", "x")).isInstanceOf(UnknownChangeException.class);
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
        store.lockService().tryAcquire("default", "pod-3/run-9", Duration.ofMinutes(1)).orElseThrow();

        assertThat(tidemark.operator().lockHolder()).hasValueSatisfying(lease -> {
            assertThat(lease.owner()).isEqualTo("pod-3/run-9");
            assertThat(lease.expiresAt()).isEqualTo(clock.instant().plus(Duration.ofMinutes(1)));
        });
    }
}
