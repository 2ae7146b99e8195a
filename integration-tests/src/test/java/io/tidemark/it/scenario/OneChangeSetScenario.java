package io.tidemark.it.scenario;

import static io.tidemark.spi.AuditState.APPLIED;
import static io.tidemark.spi.AuditState.CHECKPOINT;
import static io.tidemark.spi.AuditState.FAILED;
import static io.tidemark.spi.AuditState.ROLLED_BACK;
import static io.tidemark.spi.AuditState.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.tidemark.core.ChangeOutcome;
import io.tidemark.core.chain.VerificationResult;
import io.tidemark.core.error.ChangeFailedException;
import io.tidemark.it.backend.Counters;
import io.tidemark.it.backend.Namespaces;
import io.tidemark.it.changes.ChangeEffects;
import io.tidemark.it.changes.ShopChanges;
import io.tidemark.it.child.ChildReport;
import io.tidemark.spi.AuditStore;
import io.tidemark.tck.BackendFixture;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * One change set, every store: the same 22 change units run on each backend in three runs (the
 * first with {@value ShopChanges#FAILING} failing and rolled back, the second completing the rest,
 * the third finding nothing to do), and every backend must give the same run reports, the same
 * sequence of (change, state) in its history, the same effects in the backend, and an intact chain.
 *
 * <p>The backends are compared with each other, and the first one is also checked against what the
 * engine's rules say must happen, so that they cannot all be wrong in the same way.
 */
public abstract class OneChangeSetScenario extends BackendScenario {

    /** Everything observable about the three runs on one backend. */
    record Observed(
            ChildReport failedRun,
            ChildReport completingRun,
            ChildReport idleRun,
            List<HistoryStep> history,
            Map<String, Long> effects,
            long verifiedRecords) {}

    @Test
    void everyStoreGivesTheSameReportsHistoryAndEffects() {
        Map<String, Observed> byBackend = new LinkedHashMap<>();
        for (BackendFixture fixture : backends()) {
            byBackend.put(fixture.storeName(), runThreeTimes(fixture));
        }

        Observed reference = byBackend.values().iterator().next();
        assertFollowsTheEngineRules(reference);
        byBackend.forEach((store, observed) -> assertThat(observed)
                .as(
                        "what %s observed, compared with %s",
                        store, byBackend.keySet().iterator().next())
                .isEqualTo(reference));
    }

    private Observed runThreeTimes(BackendFixture fixture) {
        String namespace = Namespaces.fresh("same");
        try (AuditStore store = fixture.openStore(namespace, Clock.systemUTC());
                Counters counters = Counters.of(fixture, namespace)) {
            ChangeFailedException failure = catchThrowableOfType(
                    ChangeFailedException.class,
                    () -> ShopChanges.engine(store, new ChangeEffects(counters).failing(ShopChanges.FAILING))
                            .build()
                            .run());
            assertThat(failure)
                    .as("the first run on %s fails at %s", fixture, ShopChanges.FAILING)
                    .isNotNull();
            ChildReport completing = ChildReport.of(ShopChanges.engine(store, new ChangeEffects(counters))
                    .build()
                    .run());
            ChildReport idle = ChildReport.of(ShopChanges.engine(store, new ChangeEffects(counters))
                    .build()
                    .run());

            VerificationResult verification = ShopChanges.engine(store, new ChangeEffects(counters))
                    .build()
                    .operator()
                    .verify();
            assertThat(verification).as("chain on %s", fixture).isInstanceOf(VerificationResult.Intact.class);
            Map<String, Long> effects = new LinkedHashMap<>();
            ShopChanges.IDS_IN_ORDER.forEach(id -> effects.put(id, counters.get(id)));
            return new Observed(
                    ChildReport.of(failure.report()),
                    completing,
                    idle,
                    HistoryStep.of(store, "default"),
                    effects,
                    ((VerificationResult.Intact) verification).records());
        }
    }

    private static void assertFollowsTheEngineRules(Observed observed) {
        List<String> ids = ShopChanges.IDS_IN_ORDER;
        int failing = ids.indexOf(ShopChanges.FAILING);
        List<String> before = ids.subList(0, failing);
        List<String> after = ids.subList(failing + 1, ids.size());

        assertThat(observed.failedRun().changes())
                .extracting(ChildReport.Outcome::changeId)
                .containsExactlyElementsOf(ids);
        assertThat(observed.failedRun().idsWith(ChangeOutcome.APPLIED)).containsExactlyElementsOf(before);
        assertThat(observed.failedRun().idsWith(ChangeOutcome.ROLLED_BACK)).containsExactly(ShopChanges.FAILING);
        assertThat(observed.failedRun().idsWith(ChangeOutcome.NOT_REACHED)).containsExactlyElementsOf(after);

        assertThat(observed.completingRun().idsWith(ChangeOutcome.ALREADY_APPLIED))
                .containsExactlyElementsOf(before);
        assertThat(observed.completingRun().idsWith(ChangeOutcome.APPLIED))
                .containsExactlyElementsOf(ids.subList(failing, ids.size()));
        assertThat(observed.idleRun().nothingToDo()).isTrue();
        assertThat(observed.idleRun().lockAcquired()).isFalse();

        List<HistoryStep> expected = new ArrayList<>();
        before.forEach(id -> expected.addAll(List.of(new HistoryStep(id, STARTED), new HistoryStep(id, APPLIED))));
        expected.addAll(List.of(
                new HistoryStep(ShopChanges.FAILING, STARTED),
                new HistoryStep(ShopChanges.FAILING, FAILED),
                new HistoryStep(ShopChanges.FAILING, ROLLED_BACK)));
        ids.subList(failing, ids.size())
                .forEach(id -> expected.addAll(List.of(new HistoryStep(id, STARTED), new HistoryStep(id, APPLIED))));
        expected.add(new HistoryStep("", CHECKPOINT));
        assertThat(observed.history()).containsExactlyElementsOf(expected);
        assertThat(observed.verifiedRecords()).isEqualTo(expected.size());
        assertThat(observed.completingRun().tipSeq()).isEqualTo(expected.size());
        assertThat(observed.idleRun().tipSeq()).isEqualTo(expected.size());

        assertThat(observed.effects())
                .as("each change's effect happened once; the failed one was undone, then redone")
                .allSatisfy((id, count) -> assertThat(count).as(id).isEqualTo(1));
    }
}
