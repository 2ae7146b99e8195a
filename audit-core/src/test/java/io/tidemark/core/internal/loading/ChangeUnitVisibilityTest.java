package io.tidemark.core.internal.loading;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.groups.Tuple.tuple;

import io.tidemark.core.ChangeUnitInfo;
import io.tidemark.core.RunReport;
import io.tidemark.core.Tidemark;
import io.tidemark.core.TidemarkConfig;
import io.tidemark.core.error.ChangeFailedException;
import io.tidemark.core.memory.InMemoryAuditStore;
import io.tidemark.core.testing.MutableClock;
import io.tidemark.spi.AuditRecord;
import io.tidemark.spi.AuditState;
import io.tidemark.tck.changes.ChangeTarget;
import org.junit.jupiter.api.Test;

/**
 * Change units need not be public: the classes in {@code hidden} are package-private top-level classes
 * of another package, with package-private or private constructors and private methods, and are found
 * by scanning, validated, applied and rolled back like public ones (the README's decision, and the
 * Javadoc of {@code @ChangeUnit}).
 */
class ChangeUnitVisibilityTest {

    private static final String HIDDEN = "io.tidemark.core.internal.loading.hidden";

    private final MutableClock clock = MutableClock.atFixedStart();
    private final InMemoryAuditStore store = new InMemoryAuditStore(clock);
    private final ChangeTarget target = new ChangeTarget();

    private Tidemark engine() {
        return Tidemark.builder()
                .auditStore(store)
                .configuration(TidemarkConfig.of())
                .scanPackage(HIDDEN)
                .dependency(ChangeTarget.class, target)
                .clock(clock)
                .sleeper(clock::advance)
                .build();
    }

    @Test
    void packagePrivateChangeUnitsWithPrivateMembersAreValidated() {
        assertThat(engine().changeUnits())
                .extracting(ChangeUnitInfo::id, ChangeUnitInfo::className)
                .containsExactly(
                        tuple("hidden-applied", HIDDEN + ".HiddenApplied"),
                        tuple("hidden-rolled-back", HIDDEN + ".HiddenRolledBack"));
    }

    @Test
    void packagePrivateChangeUnitsRunAndRollBack() {
        target.setFailing("hidden-rolled-back", true);

        ChangeFailedException failure = catchThrowableOfType(ChangeFailedException.class, () -> engine().run());

        assertThat(failure).hasMessageContaining("hidden-rolled-back");
        assertThat(target.applied("hidden-applied")).isEqualTo(1);
        assertThat(target.attempts("hidden-rolled-back")).isEqualTo(1);
        assertThat(target.rollbacks("hidden-rolled-back")).isEqualTo(1);

        target.setFailing("hidden-rolled-back", false);
        RunReport second = engine().run();

        assertThat(second.isComplete()).isTrue();
        assertThat(target.applied("hidden-rolled-back")).isEqualTo(1);
        assertThat(store.history().readAll("default").map(AuditRecord::state))
                .containsExactly(
                        AuditState.STARTED,
                        AuditState.APPLIED,
                        AuditState.STARTED,
                        AuditState.FAILED,
                        AuditState.ROLLED_BACK,
                        AuditState.STARTED,
                        AuditState.APPLIED,
                        AuditState.CHECKPOINT);
    }
}
