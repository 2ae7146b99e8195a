package io.tidemark.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.tidemark.core.ChangeResult;
import io.tidemark.core.RunReport;
import io.tidemark.core.Tidemark;
import io.tidemark.core.TidemarkConfig;
import io.tidemark.core.error.BaselineRefusedException;
import io.tidemark.core.error.ChangeFailedException;
import io.tidemark.core.operator.Baseline;
import io.tidemark.spi.AuditRecord;
import io.tidemark.spi.AuditState;
import io.tidemark.spi.AuditStore;
import io.tidemark.tck.changes.ChangeTarget;
import io.tidemark.tck.changes.NumberedChanges;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code OperatorApi.baseline} on the store under test, with ten change units (orders 1 to 10): the
 * marks are appended in one hold of the lock, the next run applies only the later changes, the chain
 * verifies, and the idle start that follows is one tip lookup; a second baseline and one over a
 * failed change are refused, writing nothing.
 */
public abstract class BaselineContract extends StoreContractSupport {

    private MutableClock clock;
    private AuditStore store;
    private String chain;
    private ChangeTarget target;

    @BeforeEach
    void openBaselineFixture() {
        clock = MutableClock.atFixedStart();
        store = openStore(clock);
        chain = uniqueName("tck-baseline");
        target = new ChangeTarget();
    }

    private Tidemark tidemark(AuditStore on, String chainName, List<Class<?>> changes) {
        return Tidemark.builder()
                .auditStore(on)
                .configuration(TidemarkConfig.of())
                .chain(chainName)
                .changeUnits(changes.toArray(Class<?>[]::new))
                .dependency(ChangeTarget.class, target)
                .clock(clock)
                .sleeper(clock::advance)
                .instanceId("tck-adopter")
                .build();
    }

    private Tidemark all(AuditStore on) {
        return tidemark(on, chain, NumberedChanges.ALL);
    }

    private List<AuditRecord> history() {
        return store.history().readAll(chain).toList();
    }

    @Test
    void aBaselineAtSixIsOneLockHoldAndTheNextRunAppliesSevenToTen() {
        CountingStore counting = openCountingStore(clock);
        tidemark(counting.store(), uniqueName("tck-warm-up"), NumberedChanges.ALL)
                .operator()
                .markApplied(NumberedChanges.id(1), "ops", "the store's one-time set-up is not compared");
        Tidemark marking = tidemark(counting.store(), uniqueName("tck-mark"), NumberedChanges.ALL);
        RequestCounts beforeMark = counting.counts();
        marking.operator().markApplied(NumberedChanges.id(1), "ops", "one mark on a new chain, for comparison");
        RequestCounts oneMark = counting.counts().minus(beforeMark);
        Tidemark adopting = all(counting.store());
        RequestCounts beforeBaseline = counting.counts();

        Baseline baseline = adopting.operator().baseline("6", "ops", "applied by the previous tool");

        RequestCounts used = counting.counts().minus(beforeBaseline);
        assertThat(used.lockRequests())
                .as("lock requests of a baseline of 6 (%s) and of one mark (%s)", used, oneMark)
                .isEqualTo(oneMark.lockRequests());
        assertThat(baseline.markedIds()).containsExactlyElementsOf(NumberedChanges.ids(1, 6));
        List<AuditRecord> marks = history();
        assertThat(marks).extracting(AuditRecord::seq).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
        assertThat(marks).allSatisfy(record -> {
            assertThat(record.state()).isEqualTo(AuditState.MARKED_APPLIED);
            assertThat(record.metadata())
                    .containsEntry(AuditRecord.META_BASELINE, "true")
                    .containsEntry(AuditRecord.META_OPERATOR, "ops");
            assertThat(record.executionId()).isEqualTo(marks.get(0).executionId());
        });

        RunReport run = all(store).run();

        assertThat(run.applied())
                .extracting(ChangeResult::changeId)
                .containsExactlyElementsOf(NumberedChanges.ids(7, 10));
        NumberedChanges.ids(1, 6)
                .forEach(id -> assertThat(target.attempts(id)).as(id).isZero());
        assertThat(all(store).operator().verify().isIntact()).isTrue();

        Tidemark restarted = all(counting.store());
        RequestCounts beforeIdle = counting.counts();
        RunReport idle = restarted.run();
        assertThat(counting.counts().minus(beforeIdle))
                .as("the idle start after baseline and run")
                .isEqualTo(new RequestCounts(counting.tipLookupRequests(), 0, 0, 0, 1));
        assertThat(idle.nothingToDo()).isTrue();
    }

    @Test
    void aSecondBaselineIsRefusedAndWritesNothing() {
        all(store).operator().baseline("6", "ops", "adopting");
        List<AuditRecord> before = history();

        BaselineRefusedException refused = catchThrowableOfType(
                BaselineRefusedException.class, () -> all(store).operator().baseline("6", "ops", "adopting again"));

        assertThat(refused).hasMessageContaining("Nothing to baseline");
        assertThat(history()).isEqualTo(before);
        assertThat(store.lockService().inspect(chain)).isEmpty();
    }

    @Test
    void aFailedChangeAtOrBelowTheOrderRefusesTheBaselineNamingIt() {
        target.setFailing(NumberedChanges.id(3), true);
        catchThrowableOfType(
                ChangeFailedException.class,
                () -> tidemark(store, chain, NumberedChanges.ALL.subList(0, 3)).run());
        List<AuditRecord> before = history();

        BaselineRefusedException refused = catchThrowableOfType(
                BaselineRefusedException.class, () -> all(store).operator().baseline("6", "ops", "adopting"));

        assertThat(refused.changeIds()).containsExactly(NumberedChanges.id(3));
        assertThat(refused).hasMessageContaining(NumberedChanges.id(3) + " (order 3): FAILED");
        assertThat(history()).isEqualTo(before);
    }

    @Test
    void aBaselineOfEveryChangeEndsWithACheckpointAndTheNextStartIsOneTipLookup() {
        Baseline baseline = all(store).operator().baseline("10", "ops", "the system has every change");
        CountingStore counting = openCountingStore(clock);
        Tidemark restarted = all(counting.store());
        RequestCounts before = counting.counts();

        RunReport idle = restarted.run();

        assertThat(baseline.checkpoint())
                .hasValueSatisfying(c -> assertThat(c.seq()).isEqualTo(11));
        assertThat(counting.counts().minus(before))
                .isEqualTo(new RequestCounts(counting.tipLookupRequests(), 0, 0, 0, 1));
        assertThat(idle.nothingToDo()).isTrue();
        assertThat(all(store).operator().verify().isIntact()).isTrue();
    }
}
