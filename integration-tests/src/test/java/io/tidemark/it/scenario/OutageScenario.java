package io.tidemark.it.scenario;

import static io.tidemark.spi.AuditState.APPLIED;
import static io.tidemark.spi.AuditState.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.tidemark.core.RunReport;
import io.tidemark.core.TidemarkBuilder;
import io.tidemark.core.chain.VerificationResult;
import io.tidemark.core.error.StoreUnavailableException;
import io.tidemark.it.backend.Namespaces;
import io.tidemark.it.backend.OutageRoute;
import io.tidemark.it.backend.OutageRoutes;
import io.tidemark.it.changes.ChangeEffects;
import io.tidemark.it.changes.ShopChanges;
import io.tidemark.spi.AuditStore;
import io.tidemark.tck.BackendFixture;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Backend outage mid-run: the audit store reaches its database only through an {@link OutageRoute}
 * (a loopback TCP proxy that drops every live connection and refuses new ones), with short client
 * timeouts. The connection is cut from inside {@value ShopChanges#RETRYABLE}, after its effect and
 * before the engine records it {@code APPLIED}: the worst moment, a change half done.
 *
 * <p>Decision: the cut happens inside a change with {@code recovery = RETRY}, because a cut between
 * two changes cannot be placed deterministically from inside a run (a change's {@code STARTED} is
 * written before its body runs), and because it shows the whole recovery without an operator: the
 * interrupted change is left {@code STARTED} and the next run retries it by itself. A RETRY change
 * is run at least once, so its effect happened twice (once in the interrupted run); every other
 * effect happened once.
 *
 * <p>Proven per backend: the run fails with {@link StoreUnavailableException} (transient) naming
 * the address the store uses; nothing is half-written (after the route is restored, the chain
 * verifies and ends with the interrupted change's {@code STARTED}, and nothing after it was
 * written); the failed run could not release its lock, so the next run is started after its lease
 * ran out (a clock {@value #LEASE_SECONDS} s + 1 s ahead, instead of waiting) and completes the
 * remaining changes.
 */
public abstract class OutageScenario extends BackendScenario {

    static final int LEASE_SECONDS = 10;
    private static final String CHAIN = "default";

    @ParameterizedTest(name = "{0}", autoCloseArguments = false)
    @MethodSource("eachBackend")
    void aCutMidRunFailsNamingTheStoreAndTheNextRunCompletesTheRest(BackendFixture fixture) {
        List<String> ids = ShopChanges.IDS_IN_ORDER;
        int interrupted = ids.indexOf(ShopChanges.RETRYABLE);
        try (OutageRoute route = outageRoute(fixture, Namespaces.fresh("outage"))) {
            AuditStore store = route.openStore(Clock.systemUTC());
            ChangeEffects effects = new ChangeEffects(route.counters()).afterEffect(ShopChanges.RETRYABLE, route::cut);

            StoreUnavailableException failure = catchThrowableOfType(
                    StoreUnavailableException.class,
                    () -> engine(store, effects, Clock.systemUTC()).build().run());

            assertThat(failure)
                    .as("the run through %s fails as unavailable", route)
                    .isNotNull();
            assertThat(failure.isTransient()).isTrue();
            assertThat(failure.getMessage()).as("names the store").contains(route.address());

            route.restore();
            Clock later = Clock.offset(Clock.systemUTC(), Duration.ofSeconds(LEASE_SECONDS + 1));
            AuditStore next = route.openStore(later);
            List<HistoryStep> left = HistoryStep.of(next, CHAIN);
            VerificationResult verification = ShopChanges.engine(next, new ChangeEffects(route.counters()))
                    .build()
                    .operator()
                    .verify();
            assertThat(verification)
                    .isInstanceOfSatisfying(
                            VerificationResult.Intact.class,
                            intact -> assertThat(intact.records()).isEqualTo(left.size()));
            List<HistoryStep> expected = new ArrayList<>();
            ids.subList(0, interrupted)
                    .forEach(
                            id -> expected.addAll(List.of(new HistoryStep(id, STARTED), new HistoryStep(id, APPLIED))));
            expected.add(new HistoryStep(ShopChanges.RETRYABLE, STARTED));
            assertThat(left).as("what the interrupted run left").containsExactlyElementsOf(expected);
            assertThat(next.lockService().inspect(CHAIN))
                    .as("the failed run could not release its lock")
                    .isPresent();

            RunReport report = engine(next, new ChangeEffects(route.counters()), later)
                    .build()
                    .run();

            assertThat(report.applied())
                    .extracting(r -> r.changeId())
                    .containsExactlyElementsOf(ids.subList(interrupted, ids.size()));
            assertThat(HistoryStep.statesOf(HistoryStep.of(next, CHAIN), ShopChanges.RETRYABLE))
                    .containsExactly(STARTED, STARTED, APPLIED);
            assertThat(ShopChanges.engine(next, new ChangeEffects(route.counters()))
                            .build()
                            .operator()
                            .verify()
                            .isIntact())
                    .isTrue();
            ids.forEach(id -> assertThat(route.counters().get(id))
                    .as("effects of %s", id)
                    .isEqualTo(id.equals(ShopChanges.RETRYABLE) ? 2 : 1));
        }
    }

    /**
     * The route a test cuts, to {@code namespace} of {@code fixture}'s server. By default
     * {@link OutageRoutes#through}, which suits the servers the tests start; a suite on other servers
     * overrides it where those need other means (a paused container).
     */
    protected OutageRoute outageRoute(BackendFixture fixture, String namespace) {
        return OutageRoutes.through(fixture, namespace);
    }

    private static TidemarkBuilder engine(AuditStore store, ChangeEffects effects, Clock clock) {
        return ShopChanges.engine(store, effects)
                .clock(clock)
                .leaseDuration(Duration.ofSeconds(LEASE_SECONDS))
                .lockTimeout(Duration.ofSeconds(30))
                .instanceId("outage-test");
    }
}
