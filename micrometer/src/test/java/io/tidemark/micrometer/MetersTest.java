package io.tidemark.micrometer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tidemark.core.Tidemark;
import io.tidemark.core.TidemarkBuilder;
import io.tidemark.core.TidemarkConfig;
import io.tidemark.core.error.ChangeFailedException;
import io.tidemark.core.error.IssuesPendingException;
import io.tidemark.core.error.LockTimeoutException;
import io.tidemark.core.error.PendingChangesException;
import io.tidemark.core.error.StoreUnavailableException;
import io.tidemark.core.memory.InMemoryAuditStore;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** After runs on the in-memory store, the registry holds exactly the documented meters, with the right counts. */
class MetersTest {

    private final TestClock clock = new TestClock();
    private final InMemoryAuditStore store = new InMemoryAuditStore(clock);
    private final Changes.Switches switches = new Changes.Switches(clock);
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    private TidemarkBuilder tidemark(MicrometerTidemarkListener listener, Class<?>... changes) {
        return Tidemark.builder()
                .auditStore(store)
                .configuration(TidemarkConfig.of())
                .changeUnits(changes)
                .dependency(Changes.Switches.class, switches)
                .clock(clock)
                .sleeper(clock::advance)
                .listener(listener);
    }

    /**
     * A Tidemark with a listener of its own on the shared registry, as several Tidemark instances in one
     * application would have: their counts add up, and they set the same issues gauge.
     */
    private TidemarkBuilder tidemark(Class<?>... changes) {
        return tidemark(MicrometerTidemarkListener.builder(registry).build(), changes);
    }

    /** Every meter as {@code name{tag=value,...} reading}, sorted: what the assertions compare. */
    private List<String> meters() {
        return registry.getMeters().stream().map(MetersTest::render).sorted().toList();
    }

    private static String render(Meter meter) {
        String tags = meter.getId().getTags().stream()
                .map(t -> t.getKey() + "=" + t.getValue())
                .collect(Collectors.joining(","));
        String name = meter.getId().getName() + "{" + tags + "}";
        if (meter instanceof Counter counter) {
            return name + " count=" + (long) counter.count();
        } else if (meter instanceof Timer timer) {
            return name + " count=" + timer.count() + " totalMs=" + (long) timer.totalTime(TimeUnit.MILLISECONDS);
        } else if (meter instanceof Gauge gauge) {
            return name + " value=" + (long) gauge.value();
        }
        return name + " " + meter.getClass().getSimpleName().toLowerCase(Locale.ROOT);
    }

    @Test
    void aSeriesOfRunsLeavesExactlyTheDocumentedMetersWithTheirCounts() {
        Class<?>[] first = {Changes.One.class, Changes.Two.class, Changes.WithRollback.class, Changes.Three.class};
        switches.takes.put("two", Duration.ofMillis(300));
        switches.failing.add("with-rollback");
        switches.takes.put("with-rollback", Duration.ofMillis(40));
        // 1. one and two applied, with-rollback fails and is rolled back.
        catchThrowableOfType(
                ChangeFailedException.class, () -> tidemark(first).build().run());
        // 2. with-rollback and three applied.
        switches.failing.clear();
        tidemark(first).build().run();
        // 3. nothing to do: no lock taken.
        tidemark(first).build().run();
        // 4. a new change, after waiting 10 s for another instance's lock.
        store.lockService()
                .tryAcquire("default", "other-instance", Duration.ofSeconds(10))
                .orElseThrow();
        Class<?>[] second = {
            Changes.One.class,
            Changes.Two.class,
            Changes.WithRollback.class,
            Changes.Three.class,
            Changes.WithoutRollback.class
        };
        switches.failing.add("without-rollback");
        catchThrowableOfType(
                ChangeFailedException.class, () -> tidemark(second).build().run());
        // 5. the change that failed without rollback is now an issue.
        catchThrowableOfType(
                IssuesPendingException.class, () -> tidemark(second).build().run());

        // Tags are listed in key order: chain, outcome, store.
        assertThat(meters())
                .containsExactly(
                        "tidemark.change.duration{chain=default,outcome=applied,store=memory} count=4 totalMs=340",
                        "tidemark.change.duration{chain=default,outcome=failed,store=memory} count=1 totalMs=0",
                        "tidemark.change.duration{chain=default,outcome=rolled_back,store=memory} count=1 totalMs=40",
                        "tidemark.changes{chain=default,outcome=applied,store=memory} count=4",
                        "tidemark.changes{chain=default,outcome=failed,store=memory} count=1",
                        "tidemark.changes{chain=default,outcome=rolled_back,store=memory} count=1",
                        "tidemark.issues{chain=default,store=memory} value=1",
                        "tidemark.lock.acquired{chain=default,store=memory} count=4",
                        "tidemark.lock.wait{chain=default,store=memory} count=4 totalMs=" + waitedInRunFour(),
                        "tidemark.runs{chain=default,outcome=applied,store=memory} count=1",
                        "tidemark.runs{chain=default,outcome=change_failed,store=memory} count=2",
                        "tidemark.runs{chain=default,outcome=issues_pending,store=memory} count=1",
                        "tidemark.runs{chain=default,outcome=nothing_to_do,store=memory} count=1");
        assertThat(registry.get(MicrometerTidemarkListener.LOCK_WAIT).timer().max(TimeUnit.MILLISECONDS))
                .isBetween(10_000.0, 10_200.0);
    }

    /** The only wait of the series, in whole milliseconds: 10 s and at most one poll past the holder's expiry. */
    private long waitedInRunFour() {
        return (long) registry.get(MicrometerTidemarkListener.LOCK_WAIT).timer().totalTime(TimeUnit.MILLISECONDS);
    }

    @Test
    void theIssuesGaugeFallsToZeroOnceTheIssueIsResolvedAndARunFinishes() {
        switches.failing.add("without-rollback");
        Tidemark tidemark =
                tidemark(Changes.One.class, Changes.WithoutRollback.class).build();
        catchThrowableOfType(ChangeFailedException.class, tidemark::run);
        assertThat(registry.get(MicrometerTidemarkListener.ISSUES).gauge().value())
                .isEqualTo(1);

        tidemark.operator().markRolledBack("without-rollback", "ana", "fixed the data by hand");
        switches.failing.clear();
        tidemark.run();

        assertThat(registry.get(MicrometerTidemarkListener.ISSUES).gauge().value())
                .isZero();
        assertThat(registry.get(MicrometerTidemarkListener.RUNS)
                        .tag("outcome", "applied")
                        .counter()
                        .count())
                .isEqualTo(1);
    }

    @Test
    void aChangeTheRunCouldNotFinishIsCountedIncompleteAndNotTimed() {
        switches.hooks.put("two", () -> store.setUnavailable(true));

        catchThrowableOfType(
                StoreUnavailableException.class,
                () -> tidemark(Changes.One.class, Changes.Two.class, Changes.Three.class)
                        .build()
                        .run());
        store.setUnavailable(false);

        assertThat(meters())
                .containsExactly(
                        "tidemark.change.duration{chain=default,outcome=applied,store=memory} count=1 totalMs=0",
                        "tidemark.changes{chain=default,outcome=applied,store=memory} count=1",
                        "tidemark.changes{chain=default,outcome=incomplete,store=memory} count=1",
                        "tidemark.issues{chain=default,store=memory} value=1",
                        "tidemark.lock.acquired{chain=default,store=memory} count=1",
                        "tidemark.lock.wait{chain=default,store=memory} count=1 totalMs=0",
                        "tidemark.runs{chain=default,outcome=store_unavailable,store=memory} count=1");
    }

    @Test
    void validateOnlyRunsAreCountedAsRunsThatTookNoLock() {
        catchThrowableOfType(
                PendingChangesException.class,
                () -> tidemark(Changes.One.class).validateOnly().build().run());
        tidemark(Changes.One.class).build().run();
        tidemark(Changes.One.class).validateOnly().build().run();

        assertThat(meters())
                .containsExactly(
                        "tidemark.change.duration{chain=default,outcome=applied,store=memory} count=1 totalMs=0",
                        "tidemark.changes{chain=default,outcome=applied,store=memory} count=1",
                        "tidemark.issues{chain=default,store=memory} value=0",
                        "tidemark.lock.acquired{chain=default,store=memory} count=1",
                        "tidemark.lock.wait{chain=default,store=memory} count=1 totalMs=0",
                        "tidemark.runs{chain=default,outcome=applied,store=memory} count=1",
                        "tidemark.runs{chain=default,outcome=changes_pending,store=memory} count=1",
                        "tidemark.runs{chain=default,outcome=nothing_to_do,store=memory} count=1");
    }

    /** The issue is left by a run that records into another registry: only the validate-only run sets the gauge. */
    @Test
    void aValidateOnlyRunSetsTheIssuesGaugeFromItsPlan() {
        switches.failing.add("without-rollback");
        MicrometerTidemarkListener elsewhere =
                MicrometerTidemarkListener.builder(new SimpleMeterRegistry()).build();
        catchThrowableOfType(
                ChangeFailedException.class,
                () -> tidemark(elsewhere, Changes.One.class, Changes.WithoutRollback.class)
                        .build()
                        .run());

        catchThrowableOfType(
                PendingChangesException.class,
                () -> tidemark(Changes.One.class, Changes.WithoutRollback.class)
                        .validateOnly()
                        .build()
                        .run());

        assertThat(meters())
                .containsExactly(
                        "tidemark.issues{chain=default,store=memory} value=1",
                        "tidemark.runs{chain=default,outcome=changes_pending,store=memory} count=1");
    }

    @Test
    void aLockTimeoutIsARunOutcomeAndLeavesTheIssuesGaugeAlone() {
        store.lockService()
                .tryAcquire("default", "other-instance", Duration.ofMinutes(10))
                .orElseThrow();

        catchThrowableOfType(
                LockTimeoutException.class,
                () -> tidemark(Changes.One.class)
                        .lockTimeout(Duration.ofSeconds(20))
                        .build()
                        .run());

        assertThat(meters()).containsExactly("tidemark.runs{chain=default,outcome=lock_timeout,store=memory} count=1");
    }

    @Test
    void changeIdsTagTheChangeMetersOnlyWhenAskedFor() {
        tidemark(Changes.One.class, Changes.Two.class).build().run();
        assertThat(registry.getMeters())
                .allSatisfy(meter -> assertThat(meter.getId().getTags())
                        .extracting(Tag::getKey)
                        .doesNotContain(MicrometerTidemarkListener.TAG_CHANGE_ID));

        SimpleMeterRegistry perChange = new SimpleMeterRegistry();
        InMemoryAuditStore other = new InMemoryAuditStore(clock);
        Tidemark.builder()
                .auditStore(other)
                .configuration(TidemarkConfig.of())
                .changeUnits(Changes.One.class, Changes.Two.class)
                .dependency(Changes.Switches.class, switches)
                .clock(clock)
                .listener(MicrometerTidemarkListener.builder(perChange)
                        .changeIdTag(true)
                        .build())
                .build()
                .run();

        assertThat(perChange.find(MicrometerTidemarkListener.CHANGES).counters())
                .extracting(c -> c.getId().getTag(MicrometerTidemarkListener.TAG_CHANGE_ID))
                .containsExactlyInAnyOrder("one", "two");
        assertThat(perChange.find(MicrometerTidemarkListener.CHANGE_DURATION).timers())
                .extracting(t -> t.getId().getTag(MicrometerTidemarkListener.TAG_CHANGE_ID))
                .containsExactlyInAnyOrder("one", "two");
        assertThat(perChange.find(MicrometerTidemarkListener.RUNS).counters())
                .singleElement()
                .satisfies(c -> assertThat(c.getId().getTag(MicrometerTidemarkListener.TAG_CHANGE_ID))
                        .isNull());
    }

    @Test
    void eachChainHasItsOwnSeries() {
        MicrometerTidemarkListener listener =
                MicrometerTidemarkListener.builder(registry).build();
        tidemark(listener, Changes.One.class).chain("orders").build().run();
        tidemark(listener, Changes.One.class, Changes.Two.class)
                .chain("billing")
                .build()
                .run();

        assertThat(registry.get(MicrometerTidemarkListener.CHANGES)
                        .tag("chain", "orders")
                        .counter()
                        .count())
                .isEqualTo(1);
        assertThat(registry.get(MicrometerTidemarkListener.CHANGES)
                        .tag("chain", "billing")
                        .counter()
                        .count())
                .isEqualTo(2);
        assertThat(registry.find(MicrometerTidemarkListener.ISSUES).gauges()).hasSize(2);
    }
}
