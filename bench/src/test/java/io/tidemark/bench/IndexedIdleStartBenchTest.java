package io.tidemark.bench;

import static io.tidemark.bench.scenario.FreshJvmIdleStart.Layout.DIRECTORY;
import static io.tidemark.bench.scenario.FreshJvmIdleStart.Layout.JAR;
import static io.tidemark.bench.scenario.FreshJvmIdleStart.StartPath.BEFORE;
import static io.tidemark.bench.scenario.FreshJvmIdleStart.StartPath.INDEXED;
import static io.tidemark.bench.scenario.FreshJvmIdleStart.StartPath.SCANNING;
import static org.assertj.core.api.Assertions.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tidemark.bench.measure.Samples;
import io.tidemark.bench.scenario.FreshJvmIdleStart;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fresh-JVM idle start, once with tiny sizes on mongo-java-server, so that its documented command
 * keeps working: real compilations with the processor, real fresh JVMs, the table, the JSON. What is
 * asserted is what a start loads and reports, never how long it took; the figures come from the
 * benchmark command.
 */
class IndexedIdleStartBenchTest {

    @Test
    void bothPathsStartInFreshJvmsFromADirectoryAndAJarAndOnlyTheScanLoadsChangeUnitClasses(@TempDir Path directory)
            throws IOException {
        IndexedIdleStartBench.Settings tiny = new IndexedIdleStartBench.Settings(
                List.of("mongodb"), List.of(1, 4), 0, 1, IndexedIdleStartBench.Settings.layouts("both"));
        Path json = directory.resolve("fresh.json");
        ByteArrayOutputStream printed = new ByteArrayOutputStream();

        List<TargetCheck> checks =
                IndexedIdleStartBench.run(tiny, json, new PrintStream(printed, true, StandardCharsets.UTF_8));

        assertThat(printed.toString(StandardCharsets.UTF_8))
                .contains(
                        "scanning",
                        "indexed",
                        "speed-up",
                        "layout",
                        "tip read",
                        "indexed - read",
                        "Targets (idle start in a fresh JVM):");
        assertThat(checks)
                .extracting(TargetCheck::target)
                .containsExactly(
                        "with the index, from a directory, 4 change units cost at most 30 ms over 1",
                        "with the index, from a directory, 4 change units cost at most 30 ms over 1"
                                + ", without the store's warm tip read",
                        "with the index, from a jar, 4 change units cost at most 30 ms over 1",
                        "with the index, from a jar, 4 change units cost at most 30 ms over 1"
                                + ", without the store's warm tip read");
        JsonNode report = new ObjectMapper().readTree(json.toFile());
        assertThat(report.path("settings").path("layouts"))
                .extracting(JsonNode::asText)
                .containsExactly("directory", "jar");
        JsonNode results = report.path("results");
        assertThat(results)
                .extracting(
                        r -> r.path("layout").asText(),
                        r -> r.path("changeUnits").asInt())
                .containsExactly(tuple("directory", 1), tuple("jar", 1), tuple("directory", 4), tuple("jar", 4));
        for (JsonNode result : results) {
            int units = result.path("changeUnits").asInt();
            String layout = result.path("layout").asText();
            assertThat(result.path("scanning").path("classesLoaded").asInt())
                    .as("scan of %d from a %s", units, layout)
                    .isEqualTo(units);
            assertThat(result.path("indexed").path("classesLoaded").asInt())
                    .as("indexed start of %d from a %s", units, layout)
                    .isZero();
            assertThat(result.path("indexed").path("samplesMillis")).hasSize(1);
            // Each fresh JVM read the tip again after run(), and reported it: present, not how fast.
            for (String path : List.of("scanning", "indexed")) {
                assertThat(result.path(path).path("tipReadMedianMillis").isNumber())
                        .as("%s tip read of %d from a %s", path, units, layout)
                        .isTrue();
                assertThat(result.path(path).path("tipReadSamplesMillis")).hasSize(1);
            }
            assertThat(result.path("indexed").path("withoutTipReadMedianMillis").asDouble())
                    .isEqualTo(result.path("indexed").path("medianMillis").asDouble()
                            - result.path("indexed").path("tipReadMedianMillis").asDouble());
        }
    }

    @Test
    void everyRoundStartsEverySizeAndLayoutAndEveryOtherRoundRunsInReverse() {
        List<FreshJvmIdleStart.PlannedStart> schedule =
                FreshJvmIdleStart.schedule(List.of(100, 10_000), List.of(DIRECTORY, JAR), 2, false);

        assertThat(schedule)
                .extracting(
                        FreshJvmIdleStart.PlannedStart::round,
                        FreshJvmIdleStart.PlannedStart::changeUnits,
                        FreshJvmIdleStart.PlannedStart::layout,
                        FreshJvmIdleStart.PlannedStart::path)
                .containsExactly(
                        tuple(0, 100, DIRECTORY, SCANNING),
                        tuple(0, 100, DIRECTORY, INDEXED),
                        tuple(0, 100, JAR, SCANNING),
                        tuple(0, 100, JAR, INDEXED),
                        tuple(0, 10_000, DIRECTORY, SCANNING),
                        tuple(0, 10_000, DIRECTORY, INDEXED),
                        tuple(0, 10_000, JAR, SCANNING),
                        tuple(0, 10_000, JAR, INDEXED),
                        tuple(1, 10_000, JAR, INDEXED),
                        tuple(1, 10_000, JAR, SCANNING),
                        tuple(1, 10_000, DIRECTORY, INDEXED),
                        tuple(1, 10_000, DIRECTORY, SCANNING),
                        tuple(1, 100, JAR, INDEXED),
                        tuple(1, 100, JAR, SCANNING),
                        tuple(1, 100, DIRECTORY, INDEXED),
                        tuple(1, 100, DIRECTORY, SCANNING));
        assertThat(FreshJvmIdleStart.schedule(List.of(1), List.of(JAR), 1, true))
                .extracting(FreshJvmIdleStart.PlannedStart::path)
                .containsExactly(SCANNING, INDEXED, BEFORE);
    }

    @Test
    void theTargetsCompareTheLargestSizeWithOneHundredAndWithTheSmallest() {
        IndexedIdleStartBench.Settings settings = new IndexedIdleStartBench.Settings(
                List.of("mongodb", "couchbase"), List.of(1, 100, 10_000), 0, 1, List.of(JAR));
        List<FreshJvmIdleStart.Result> results = List.of(
                result("mongodb", JAR, 1, 20),
                result("mongodb", JAR, 100, 25),
                result("mongodb", JAR, 10_000, 30),
                result("couchbase", JAR, 1, 20),
                result("couchbase", JAR, 100, 25),
                result("couchbase", JAR, 10_000, 45));

        List<TargetCheck> checks = totals(IndexedIdleStartBench.judge(results, settings));

        assertThat(checks)
                .extracting(TargetCheck::backend, TargetCheck::target, TargetCheck::met)
                .containsExactly(
                        tuple(
                                "mongodb",
                                "with the index, from a jar, 10,000 change units cost at most 1.2 x 100",
                                true),
                        tuple(
                                "mongodb",
                                "with the index, from a jar, 10,000 change units cost at most 30 ms over 1",
                                true),
                        tuple(
                                "couchbase",
                                "with the index, from a jar, 10,000 change units cost at most 1.2 x 100",
                                false),
                        tuple(
                                "couchbase",
                                "with the index, from a jar, 10,000 change units cost at most 30 ms over 1",
                                true));
        assertThat(checks.get(2).measured()).isEqualTo("45.0 ms vs 25.0 ms (1.80 x)");
        assertThat(checks.get(3).measured()).isEqualTo("45.0 ms vs 20.0 ms (+25.0 ms)");
    }

    @Test
    void eachLayoutIsJudgedOnItsOwnFigures() {
        IndexedIdleStartBench.Settings settings = new IndexedIdleStartBench.Settings(
                List.of("mongodb"), List.of(100, 10_000), 0, 1, List.of(DIRECTORY, JAR));
        List<FreshJvmIdleStart.Result> results = List.of(
                result("mongodb", DIRECTORY, 100, 30),
                result("mongodb", JAR, 100, 30),
                result("mongodb", DIRECTORY, 10_000, 60),
                result("mongodb", JAR, 10_000, 33));

        List<TargetCheck> checks = totals(IndexedIdleStartBench.judge(results, settings));

        assertThat(checks)
                .extracting(TargetCheck::target, TargetCheck::measured, TargetCheck::met)
                .containsExactly(
                        tuple(
                                "with the index, from a directory, 10,000 change units cost at most 1.2 x 100",
                                "60.0 ms vs 30.0 ms (2.00 x)",
                                false),
                        tuple(
                                "with the index, from a directory, 10,000 change units cost at most 30 ms over 100",
                                "60.0 ms vs 30.0 ms (+30.0 ms)",
                                true),
                        tuple(
                                "with the index, from a jar, 10,000 change units cost at most 1.2 x 100",
                                "33.0 ms vs 30.0 ms (1.10 x)",
                                true),
                        tuple(
                                "with the index, from a jar, 10,000 change units cost at most 30 ms over 100",
                                "33.0 ms vs 30.0 ms (+3.0 ms)",
                                true));
    }

    @Test
    void theSameTargetsAreJudgedWithoutTheStoresWarmTipReadAfterTheTotals() {
        IndexedIdleStartBench.Settings settings = new IndexedIdleStartBench.Settings(
                List.of("mongodb", "couchbase"), List.of(1, 100, 10_000), 0, 1, List.of(JAR));
        List<FreshJvmIdleStart.Result> results = List.of(
                // The server's answer grows with the chain; Tidemark's own start does not.
                result("mongodb", JAR, 1, 40, 2),
                result("mongodb", JAR, 100, 42, 3),
                result("mongodb", JAR, 10_000, 70, 30),
                // The start itself grows, the read does not.
                result("couchbase", JAR, 1, 40, 2),
                result("couchbase", JAR, 100, 42, 2),
                result("couchbase", JAR, 10_000, 80, 2));

        List<TargetCheck> checks = IndexedIdleStartBench.judge(results, settings);

        assertThat(checks)
                .extracting(TargetCheck::backend, TargetCheck::target, TargetCheck::measured, TargetCheck::met)
                .containsExactly(
                        tuple(
                                "mongodb",
                                "with the index, from a jar, 10,000 change units cost at most 1.2 x 100",
                                "70.0 ms vs 42.0 ms (1.67 x)",
                                false),
                        tuple(
                                "mongodb",
                                "with the index, from a jar, 10,000 change units cost at most 30 ms over 1",
                                "70.0 ms vs 40.0 ms (+30.0 ms)",
                                true),
                        tuple(
                                "mongodb",
                                "with the index, from a jar, 10,000 change units cost at most 1.2 x 100"
                                        + ", without the store's warm tip read",
                                "40.0 ms vs 39.0 ms (1.03 x)",
                                true),
                        tuple(
                                "mongodb",
                                "with the index, from a jar, 10,000 change units cost at most 30 ms over 1"
                                        + ", without the store's warm tip read",
                                "40.0 ms vs 38.0 ms (+2.0 ms)",
                                true),
                        tuple(
                                "couchbase",
                                "with the index, from a jar, 10,000 change units cost at most 1.2 x 100",
                                "80.0 ms vs 42.0 ms (1.90 x)",
                                false),
                        tuple(
                                "couchbase",
                                "with the index, from a jar, 10,000 change units cost at most 30 ms over 1",
                                "80.0 ms vs 40.0 ms (+40.0 ms)",
                                false),
                        tuple(
                                "couchbase",
                                "with the index, from a jar, 10,000 change units cost at most 1.2 x 100"
                                        + ", without the store's warm tip read",
                                "78.0 ms vs 40.0 ms (1.95 x)",
                                false),
                        tuple(
                                "couchbase",
                                "with the index, from a jar, 10,000 change units cost at most 30 ms over 1"
                                        + ", without the store's warm tip read",
                                "78.0 ms vs 38.0 ms (+40.0 ms)",
                                false));
    }

    @Test
    void aTargetMissedOnlyBecauseOfTheStoresReadIsMetWithoutIt() {
        IndexedIdleStartBench.Settings settings =
                new IndexedIdleStartBench.Settings(List.of("mongodb"), List.of(100, 10_000), 0, 1, List.of(DIRECTORY));
        List<FreshJvmIdleStart.Result> results =
                List.of(result("mongodb", DIRECTORY, 100, 50, 4), result("mongodb", DIRECTORY, 10_000, 75, 22));

        List<TargetCheck> checks = IndexedIdleStartBench.judge(results, settings);

        assertThat(checks)
                .extracting(TargetCheck::target, TargetCheck::measured, TargetCheck::met)
                .containsExactly(
                        tuple(
                                "with the index, from a directory, 10,000 change units cost at most 1.2 x 100",
                                "75.0 ms vs 50.0 ms (1.50 x)",
                                false),
                        tuple(
                                "with the index, from a directory, 10,000 change units cost at most 30 ms over 100",
                                "75.0 ms vs 50.0 ms (+25.0 ms)",
                                true),
                        tuple(
                                "with the index, from a directory, 10,000 change units cost at most 1.2 x 100"
                                        + ", without the store's warm tip read",
                                "53.0 ms vs 46.0 ms (1.15 x)",
                                true),
                        tuple(
                                "with the index, from a directory, 10,000 change units cost at most 30 ms over 100"
                                        + ", without the store's warm tip read",
                                "53.0 ms vs 46.0 ms (+7.0 ms)",
                                true));
    }

    @Test
    void theTableAndTheJsonShowTheWarmTipReadAndTheIndexedStartWithoutIt() {
        IndexedIdleStartBench.Settings settings =
                new IndexedIdleStartBench.Settings(List.of("mongodb"), List.of(100, 10_000), 0, 1, List.of(JAR));
        FreshJvmIdleStart.Result large = result("mongodb", JAR, 10_000, 75, 22);
        List<FreshJvmIdleStart.Result> results = List.of(result("mongodb", JAR, 100, 50, 4), large);
        ByteArrayOutputStream printed = new ByteArrayOutputStream();

        IndexedIdleStartBench.print(
                new PrintStream(printed, true, StandardCharsets.UTF_8),
                results,
                IndexedIdleStartBench.judge(results, settings),
                settings);

        List<String> lines = printed.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(lines)
                .filteredOn(line -> line.startsWith("backend"))
                .singleElement(as(InstanceOfAssertFactories.STRING))
                .endsWith("| tip read indexed - read");
        assertThat(lines)
                .filteredOn(line -> line.startsWith("mongodb") && line.contains("10,000"))
                .singleElement(as(InstanceOfAssertFactories.STRING))
                .endsWith("|     22.0           53.0");
        assertThat(lines)
                .anyMatch(line -> line.startsWith("  [met] mongodb   ")
                        && line.endsWith("1.2 x 100, without the store's warm tip read: 53.0 ms vs 46.0 ms (1.15 x)"))
                .anyMatch(line -> line.startsWith("  [NOT MET] mongodb   ")
                        && line.endsWith("1.2 x 100: 75.0 ms vs 50.0 ms (1.50 x)"));

        Map<String, Object> json = IndexedIdleStartBench.result(large);
        assertThat(json.get("indexed"))
                .asInstanceOf(InstanceOfAssertFactories.map(String.class, Object.class))
                .containsEntry("tipReadMedianMillis", 22.0)
                .containsEntry("tipReadSamplesMillis", List.of(22.0))
                .containsEntry("withoutTipReadMedianMillis", 53.0);
        assertThat(json.get("scanning"))
                .asInstanceOf(InstanceOfAssertFactories.map(String.class, Object.class))
                .containsEntry("tipReadMedianMillis", 22.0);
    }

    @Test
    void settingsThatCannotBeMeasuredAreRefusedWithWhatToSet() {
        assertThatThrownBy(
                        () -> new IndexedIdleStartBench.Settings(List.of("postgres"), List.of(1), 0, 1, List.of(JAR)))
                .hasMessageContaining("Unknown backend 'postgres' in bench.backends");
        assertThatThrownBy(() ->
                        new IndexedIdleStartBench.Settings(List.of("mongodb"), List.of(0, 100), 0, 1, List.of(JAR)))
                .hasMessageContaining("bench.freshSizes needs one or more change-unit counts of at least 1");
        assertThatThrownBy(() -> new IndexedIdleStartBench.Settings(List.of("mongodb"), List.of(1), 0, 0, List.of(JAR)))
                .hasMessageContaining("bench.freshReps 1 or more");
        assertThatThrownBy(() -> IndexedIdleStartBench.Settings.layouts("zip"))
                .hasMessageContaining("bench.freshLayout must be directory, jar or both; got 'zip'");
        assertThat(IndexedIdleStartBench.Settings.layouts(" JAR ")).containsExactly(JAR);
    }

    /** The targets on the totals, without those judged without the store's tip read. */
    private static List<TargetCheck> totals(List<TargetCheck> checks) {
        return checks.stream()
                .filter(c -> !c.target().endsWith(IndexedIdleStartBench.WITHOUT_TIP_READ))
                .toList();
    }

    private static FreshJvmIdleStart.Result result(
            String backend, FreshJvmIdleStart.Layout layout, int units, long indexedMillis) {
        return result(backend, layout, units, indexedMillis, 1);
    }

    private static FreshJvmIdleStart.Result result(
            String backend, FreshJvmIdleStart.Layout layout, int units, long indexedMillis, long tipReadMillis) {
        Samples scanned = Samples.ofNanos(indexedMillis * 3_000_000);
        Samples indexed = Samples.ofNanos(indexedMillis * 1_000_000);
        Samples tipRead = Samples.ofNanos(tipReadMillis * 1_000_000);
        return new FreshJvmIdleStart.Result(
                backend,
                layout,
                units,
                scanned,
                indexed,
                scanned,
                indexed,
                units,
                0,
                Optional.empty(),
                tipRead,
                tipRead);
    }
}
