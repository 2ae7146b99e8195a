package io.tidemark.it.scenario;

import static io.tidemark.spi.AuditState.APPLIED;
import static io.tidemark.spi.AuditState.MARKED_ROLLED_BACK;
import static io.tidemark.spi.AuditState.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.tidemark.core.ChangeOutcome;
import io.tidemark.core.RunReport;
import io.tidemark.core.Tidemark;
import io.tidemark.core.TidemarkBuilder;
import io.tidemark.core.error.IssuesPendingException;
import io.tidemark.core.error.LockTimeoutException;
import io.tidemark.it.backend.Counters;
import io.tidemark.it.backend.Namespaces;
import io.tidemark.it.changes.ChangeEffects;
import io.tidemark.it.changes.ShopChanges;
import io.tidemark.it.child.ChildReport;
import io.tidemark.it.child.ShopChangesProcess;
import io.tidemark.it.process.ChildJvm;
import io.tidemark.spi.AuditRecord;
import io.tidemark.spi.AuditStore;
import io.tidemark.spi.Lease;
import io.tidemark.tck.BackendFixture;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Crash mid-change: a child JVM runs the change set, prints that it is inside a change and blocks
 * there, and is killed with SIGKILL ({@link Process#destroyForcibly()} on Linux): no shutdown hook,
 * no finally block, its lock left held and the change left {@code STARTED}.
 *
 * <p>Proven per backend:
 * <ul>
 *   <li>the dead process's lease still holds the lock: an instance that may wait only briefly
 *       times out naming it;</li>
 *   <li>once the lease has run out, a new instance takes the lock by itself (no release by anyone).
 *       The child's lease is {@value #CHILD_LEASE_SECONDS} s; rather than waiting that long, the
 *       next instance runs on a clock {@value #CHILD_LEASE_SECONDS} s + 1 s ahead
 *       ({@link Clock#offset}), for its engine and its store's lock service alike, which is exactly
 *       the view of an instance started after the lease ran out;</li>
 *   <li>a change without automatic recovery is reported as an issue (state {@code STARTED}, named,
 *       with the dead instance) and nothing after it runs; after an operator marks it rolled back
 *       it runs again, followed by the rest;</li>
 *   <li>a change with {@code recovery = RETRY} runs again by itself.</li>
 * </ul>
 * In both cases the change blocked before its effect, so at the end every effect happened once.
 */
public abstract class CrashScenario extends BackendScenario {

    static final int CHILD_LEASE_SECONDS = 20;
    private static final String DOOMED = "doomed-child";
    private static final String CHAIN = "default";

    /** The clock of an instance started after the dead child's lease ran out. */
    private static Clock afterTheLease() {
        return Clock.offset(Clock.systemUTC(), Duration.ofSeconds(CHILD_LEASE_SECONDS + 1));
    }

    @ParameterizedTest(name = "{0}", autoCloseArguments = false)
    @MethodSource("eachBackend")
    void aChangeLeftStartedIsAnIssueUntilAnOperatorMarksItRolledBack(BackendFixture fixture) throws Exception {
        String namespace = Namespaces.fresh("crash");
        killInside(fixture, namespace, ShopChanges.CRASH_MANUAL);
        assertTheDeadChildStillHoldsTheLock(fixture, namespace);

        Clock later = afterTheLease();
        try (AuditStore store = fixture.openStore(namespace, later);
                Counters counters = Counters.of(fixture, namespace)) {
            IssuesPendingException issues = catchThrowableOfType(
                    IssuesPendingException.class,
                    () -> engine(store, counters, later).build().run());

            assertThat(issues).as("the next run stops at the crashed change").isNotNull();
            assertThat(issues.issues()).singleElement().satisfies(issue -> {
                assertThat(issue.changeId()).isEqualTo(ShopChanges.CRASH_MANUAL);
                assertThat(issue.latest().state()).isEqualTo(STARTED);
                assertThat(issue.latest().instanceId()).isEqualTo(DOOMED);
            });
            assertThat(issues.getMessage()).contains(ShopChanges.CRASH_MANUAL, "STARTED", DOOMED);
            ChildReport report = ChildReport.of(issues.report());
            assertThat(report.lockAcquired()).as("took over the expired lock").isTrue();
            List<String> ids = ShopChanges.IDS_IN_ORDER;
            int crashed = ids.indexOf(ShopChanges.CRASH_MANUAL);
            assertThat(report.idsWith(ChangeOutcome.ALREADY_APPLIED))
                    .containsExactlyElementsOf(ids.subList(0, crashed));
            assertThat(report.idsWith(ChangeOutcome.ISSUE)).containsExactly(ShopChanges.CRASH_MANUAL);
            assertThat(report.idsWith(ChangeOutcome.NOT_REACHED))
                    .containsExactlyElementsOf(ids.subList(crashed + 1, ids.size()));
            ids.subList(crashed, ids.size())
                    .forEach(id ->
                            assertThat(counters.get(id)).as("effects of %s", id).isZero());
            assertThat(HistoryStep.of(store, CHAIN))
                    .last()
                    .isEqualTo(new HistoryStep(ShopChanges.CRASH_MANUAL, STARTED));
            assertThat(store.lockService().inspect(CHAIN))
                    .as("released by the run that took it over")
                    .isEmpty();

            AuditRecord mark = engine(store, counters, later)
                    .build()
                    .operator()
                    .markRolledBack(
                            ShopChanges.CRASH_MANUAL, "ops-oncall", "the child died before migrating any invoice");
            RunReport after = engine(store, counters, later).build().run();

            assertThat(mark.state()).isEqualTo(MARKED_ROLLED_BACK);
            assertThat(after.applied())
                    .extracting(r -> r.changeId())
                    .containsExactlyElementsOf(ids.subList(crashed, ids.size()));
            assertThat(HistoryStep.statesOf(HistoryStep.of(store, CHAIN), ShopChanges.CRASH_MANUAL))
                    .containsExactly(STARTED, MARKED_ROLLED_BACK, STARTED, APPLIED);
            ids.forEach(
                    id -> assertThat(counters.get(id)).as("effects of %s", id).isEqualTo(1));
            assertThat(engine(store, counters, later)
                            .build()
                            .operator()
                            .verify()
                            .isIntact())
                    .isTrue();
        }
    }

    @ParameterizedTest(name = "{0}", autoCloseArguments = false)
    @MethodSource("eachBackend")
    void aRetryableChangeLeftStartedRunsAgainByItself(BackendFixture fixture) throws Exception {
        String namespace = Namespaces.fresh("retry");
        killInside(fixture, namespace, ShopChanges.RETRYABLE);
        assertTheDeadChildStillHoldsTheLock(fixture, namespace);

        Clock later = afterTheLease();
        try (AuditStore store = fixture.openStore(namespace, later);
                Counters counters = Counters.of(fixture, namespace)) {
            RunReport report = engine(store, counters, later).build().run();

            List<String> ids = ShopChanges.IDS_IN_ORDER;
            int crashed = ids.indexOf(ShopChanges.RETRYABLE);
            assertThat(report.lockAcquired()).isTrue();
            assertThat(report.applied())
                    .extracting(r -> r.changeId())
                    .containsExactlyElementsOf(ids.subList(crashed, ids.size()));
            assertThat(HistoryStep.statesOf(HistoryStep.of(store, CHAIN), ShopChanges.RETRYABLE))
                    .containsExactly(STARTED, STARTED, APPLIED);
            ids.forEach(
                    id -> assertThat(counters.get(id)).as("effects of %s", id).isEqualTo(1));
            assertThat(engine(store, counters, later)
                            .build()
                            .operator()
                            .verify()
                            .isIntact())
                    .isTrue();
        }
    }

    /** Runs the change set in a child JVM and kills it with SIGKILL once it says it is inside {@code changeId}. */
    private static void killInside(BackendFixture fixture, String namespace, String changeId)
            throws InterruptedException {
        Map<String, String> properties = new HashMap<>(fixture.configuration(namespace));
        properties.put(Tidemark.Keys.INSTANCE_ID, DOOMED);
        properties.put(Tidemark.Keys.LEASE_DURATION, CHILD_LEASE_SECONDS + "s");
        properties.put(ShopChangesProcess.BLOCK_IN, changeId);
        try (ChildJvm child =
                ChildJvm.start(fixture.storeName() + "-" + DOOMED, ShopChangesProcess.class, properties)) {
            child.awaitLine((ShopChangesProcess.INSIDE + changeId)::equals, Duration.ofSeconds(90));
            child.kill();
            assertThat(child.line(ChildReport::isReport))
                    .as("the child never finished its run")
                    .isEmpty();
        }
    }

    private static void assertTheDeadChildStillHoldsTheLock(BackendFixture fixture, String namespace) {
        try (AuditStore store = fixture.openStore(namespace, Clock.systemUTC());
                Counters counters = Counters.of(fixture, namespace)) {
            Lease held = store.lockService().inspect(CHAIN).orElseThrow(() -> new AssertionError("no lock holder"));
            assertThat(held.owner()).startsWith(DOOMED + "/");
            assertThat(held.expiresAt()).isAfter(Instant.now());
            assertThat(HistoryStep.of(store, CHAIN))
                    .last()
                    .extracting(HistoryStep::state)
                    .isEqualTo(STARTED);

            LockTimeoutException timeout = catchThrowableOfType(
                    LockTimeoutException.class,
                    () -> engine(store, counters, Clock.systemUTC())
                            .lockTimeout(Duration.ofMillis(300))
                            .build()
                            .run());
            assertThat(timeout).as("an instance that cannot wait for the lease").isNotNull();
            assertThat(timeout.getMessage()).contains(DOOMED);
        }
    }

    private static TidemarkBuilder engine(AuditStore store, Counters counters, Clock clock) {
        return ShopChanges.engine(store, new ChangeEffects(counters))
                .clock(clock)
                .lockTimeout(Duration.ofSeconds(30))
                .instanceId("next-instance");
    }
}
