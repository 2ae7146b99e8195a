package io.tidemark.test;

import static io.tidemark.test.TidemarkAssertions.assertThat;
import static io.tidemark.test.TidemarkAssertions.chain;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tidemark.core.RunReport;
import io.tidemark.core.Tidemark;
import io.tidemark.core.TidemarkBuilder;
import io.tidemark.core.memory.InMemoryAuditStore;
import io.tidemark.spi.AuditRecord;
import io.tidemark.spi.Lease;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/**
 * {@link TidemarkTest}: every test gets its own store, clock and builder, whatever the order,
 * nesting or parallelism it runs with; the preset builder reads no configuration and never waits.
 */
@TidemarkTest
class TidemarkExtensionTest {

    /** Every resource any fixture test saw, with how many tests saw it. */
    static final Map<Object, Integer> SEEN = new ConcurrentHashMap<>();

    /** Fails unless the test's resources are untouched, then touches them, and notes them. */
    static void useFreshResources(InMemoryAuditStore store, TestClock clock, TidemarkBuilder tidemark) {
        assertEquals(0, store.requestCount(), "a fresh store has served no request");
        assertEquals(TestClock.DEFAULT_START, clock.instant(), "a fresh clock is at its start");
        Fixtures.Counter counter = new Fixtures.Counter();
        RunReport report = tidemark.changeUnits(Fixtures.Count.class)
                .dependency(counter)
                .build()
                .run();
        assertThat(report).applied("count");
        assertThat(chain(store)).hasMetadata("count", "applied", "1");
        clock.advance(Duration.ofHours(1));
        for (Object resource : List.of(store, clock, tidemark)) {
            SEEN.merge(resource, 1, Integer::sum);
        }
    }

    private static void assertIsolated(EngineExecutionResults results, int tests) {
        assertEquals(List.of(), Fixtures.failureMessages(results));
        assertEquals(tests, results.testEvents().succeeded().count(), "tests that passed");
        assertEquals(3 * tests, SEEN.size(), "distinct stores, clocks and builders");
        assertTrue(SEEN.values().stream().allMatch(count -> count == 1), "each resource served one test: " + SEEN);
    }

    @ExtendWith(FixtureGate.class)
    @TidemarkTest
    static class SequentialTests {
        @TidemarkInject
        InMemoryAuditStore store;

        @TidemarkInject
        TestClock clock;

        @TidemarkInject
        TidemarkBuilder tidemark;

        @BeforeEach
        void sameInstancesInLifecycleMethods(
                InMemoryAuditStore storeParameter, TestClock clockParameter, TidemarkBuilder builderParameter) {
            assertSame(store, storeParameter);
            assertSame(clock, clockParameter);
            assertSame(tidemark, builderParameter);
        }

        @Test
        void first(InMemoryAuditStore storeParameter) {
            assertSame(store, storeParameter);
            useFreshResources(store, clock, tidemark);
        }

        @Test
        void second() {
            useFreshResources(store, clock, tidemark);
        }

        @RepeatedTest(4)
        void repeated() {
            useFreshResources(store, clock, tidemark);
        }
    }

    @ExtendWith(FixtureGate.class)
    @TidemarkTest
    static class ParallelTests {
        static final CyclicBarrier BOTH_RUNNING = new CyclicBarrier(2);

        @Test
        void oneOfTwoRunningTogether(InMemoryAuditStore store, TestClock clock, TidemarkBuilder tidemark)
                throws Exception {
            BOTH_RUNNING.await(30, TimeUnit.SECONDS);
            useFreshResources(store, clock, tidemark);
        }

        @Test
        void theOtherOfTwoRunningTogether(InMemoryAuditStore store, TestClock clock, TidemarkBuilder tidemark)
                throws Exception {
            BOTH_RUNNING.await(30, TimeUnit.SECONDS);
            useFreshResources(store, clock, tidemark);
        }

        @ParameterizedTest
        @ValueSource(ints = {1, 2, 3, 4, 5, 6})
        void manyMore(int ignored, InMemoryAuditStore store, TestClock clock, TidemarkBuilder tidemark) {
            useFreshResources(store, clock, tidemark);
        }
    }

    @ExtendWith(FixtureGate.class)
    @TidemarkTest
    static class NestedTests {
        @TidemarkInject
        InMemoryAuditStore outerStore;

        @Test
        void outer(InMemoryAuditStore store, TestClock clock, TidemarkBuilder tidemark) {
            assertSame(outerStore, store);
            useFreshResources(store, clock, tidemark);
        }

        @Nested
        class Inner {
            @TidemarkInject
            InMemoryAuditStore innerStore;

            @Test
            void innerSeesOneStoreThroughEveryInstance(
                    InMemoryAuditStore store, TestClock clock, TidemarkBuilder tidemark) {
                assertNotNull(outerStore);
                assertSame(outerStore, innerStore);
                assertSame(innerStore, store);
                useFreshResources(store, clock, tidemark);
            }

            @Test
            void anotherInner(InMemoryAuditStore store, TestClock clock, TidemarkBuilder tidemark) {
                assertSame(outerStore, store);
                useFreshResources(store, clock, tidemark);
            }
        }
    }

    @BeforeEach
    void forget() {
        SEEN.clear();
    }

    @Test
    void everyTestGetsItsOwnStoreClockAndBuilder() {
        assertIsolated(Fixtures.launch(SequentialTests.class, false), 6);
    }

    @Test
    void alsoWhenTestsRunInParallel() {
        assertIsolated(Fixtures.launch(ParallelTests.class, true), 8);
    }

    @Test
    void nestedTestsShareTheirTestsResourcesWithTheEnclosingInstanceOnly() {
        assertIsolated(Fixtures.launch(NestedTests.class, false), 3);
        SEEN.clear();
        assertIsolated(Fixtures.launch(NestedTests.class, true), 3);
    }

    @ExtendWith(FixtureGate.class)
    @TidemarkTest
    static class BeforeAllParameter {
        @BeforeAll
        static void shared(InMemoryAuditStore store) {}

        @Test
        void test() {}
    }

    @ExtendWith(FixtureGate.class)
    @TidemarkTest
    static class FieldOfAnotherType {
        @TidemarkInject
        String name;

        @Test
        void test() {}
    }

    @ExtendWith(FixtureGate.class)
    @TidemarkTest
    static class StaticField {
        @TidemarkInject
        static InMemoryAuditStore store;

        @Test
        void test() {}
    }

    @Test
    void misuseIsExplained() {
        assertEquals(
                List.of("org.junit.jupiter.api.extension.ParameterResolutionException: @TidemarkTest gives each "
                        + "test its own InMemoryAuditStore: take it as a parameter of a @Test, @BeforeEach or @AfterEach "
                        + "method, or in a @TidemarkInject field, not in static void "
                        + BeforeAllParameter.class.getName()
                        + ".shared(io.tidemark.core.memory.InMemoryAuditStore), which serves several tests"),
                Fixtures.failureMessages(Fixtures.launch(BeforeAllParameter.class, false)));
        assertEquals(
                List.of("org.junit.jupiter.api.extension.ExtensionConfigurationException: @TidemarkInject field "
                        + FieldOfAnotherType.class.getName()
                        + ".name has type java.lang.String; @TidemarkTest provides "
                        + "InMemoryAuditStore, TestClock, TidemarkBuilder only"),
                Fixtures.failureMessages(Fixtures.launch(FieldOfAnotherType.class, false)));
        assertEquals(
                List.of("org.junit.jupiter.api.extension.ExtensionConfigurationException: @TidemarkInject field "
                        + StaticField.class.getName()
                        + ".store is static: @TidemarkTest sets a new value before each test, "
                        + "so the field must be an instance field that is not final"),
                Fixtures.failureMessages(Fixtures.launch(StaticField.class, false)));
    }

    @Test
    void thePresetBuilderReadsNoConfiguration(TidemarkBuilder tidemark, InMemoryAuditStore store) {
        String before = System.getProperty("tidemark.chain");
        System.setProperty("tidemark.chain", "leaked-from-the-machine");
        try {
            Tidemark built = tidemark.changeUnits(Fixtures.Count.class)
                    .dependency(new Fixtures.Counter())
                    .build();

            assertEquals("default", built.chain());
            assertEquals(TidemarkExtension.INSTANCE_ID, built.instanceId());
            assertSame(store, built.store());
        } finally {
            if (before == null) {
                System.clearProperty("tidemark.chain");
            } else {
                System.setProperty("tidemark.chain", before);
            }
        }
    }

    @Test
    void recordsTakeTheirTimeFromTheTestClock(TidemarkBuilder tidemark, InMemoryAuditStore store, TestClock clock) {
        clock.set(java.time.Instant.parse("2030-05-06T07:08:09Z"));

        tidemark.changeUnits(Fixtures.Count.class)
                .dependency(new Fixtures.Counter())
                .build()
                .run();

        List<AuditRecord> records = new ChainAssert(chain(store)).records();
        assertTrue(records.stream().allMatch(r -> r.timestamp().equals(clock.instant())), records.toString());
    }

    @Test
    void waitingForALockHeldElsewhereAdvancesTheClockInsteadOfSleeping(
            TidemarkBuilder tidemark, InMemoryAuditStore store, TestClock clock) {
        Optional<Lease> held = store.lockService().tryAcquire("default", "another-instance", Duration.ofMinutes(2));

        RunReport report = tidemark.changeUnits(Fixtures.Count.class)
                .dependency(new Fixtures.Counter())
                .lockTimeout(Duration.ofMinutes(5))
                .build()
                .run();

        assertTrue(held.isPresent());
        assertThat(report).applied("count");
        // The other lease ends at its expiry instant, and the pauses are whole milliseconds: the waiter
        // may take the lock exactly then (about once in 175 runs), or at the first attempt after it.
        assertFalse(
                clock.instant().isBefore(TestClock.DEFAULT_START.plus(Duration.ofMinutes(2))),
                "the clock reached the other lease's expiry: " + clock.instant());
    }

    @Test
    void aNewTestSeesNoneOfThisClassesOtherTests(InMemoryAuditStore store, TestClock clock) {
        assertEquals(0, store.requestCount());
        assertEquals(TestClock.DEFAULT_START, clock.instant());
    }
}
