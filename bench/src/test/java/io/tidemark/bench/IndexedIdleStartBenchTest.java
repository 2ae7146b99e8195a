package io.tidemark.bench;

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
import java.util.Optional;
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
    void bothPathsStartInFreshJvmsAndOnlyTheScanLoadsChangeUnitClasses(@TempDir Path directory) throws IOException {
        IndexedIdleStartBench.Settings tiny =
                new IndexedIdleStartBench.Settings(List.of("mongodb"), List.of(1, 4), 0, 1);
        Path json = directory.resolve("fresh.json");
        ByteArrayOutputStream printed = new ByteArrayOutputStream();

        List<TargetCheck> checks =
                IndexedIdleStartBench.run(tiny, json, new PrintStream(printed, true, StandardCharsets.UTF_8));

        assertThat(printed.toString(StandardCharsets.UTF_8))
                .contains("scanning", "indexed", "speed-up", "Targets (idle start in a fresh JVM):");
        assertThat(checks)
                .extracting(TargetCheck::target)
                .containsExactly("with the index, 4 change units cost at most 30 ms over 1");
        JsonNode results = new ObjectMapper().readTree(json.toFile()).path("results");
        assertThat(results).hasSize(2);
        for (JsonNode result : results) {
            int units = result.path("changeUnits").asInt();
            assertThat(result.path("scanning").path("classesLoaded").asInt())
                    .as("scan of %d", units)
                    .isEqualTo(units);
            assertThat(result.path("indexed").path("classesLoaded").asInt())
                    .as("indexed start of %d", units)
                    .isZero();
            assertThat(result.path("indexed").path("samplesMillis")).hasSize(1);
        }
    }

    @Test
    void theTargetsCompareTheLargestSizeWithOneHundredAndWithTheSmallest() {
        IndexedIdleStartBench.Settings settings =
                new IndexedIdleStartBench.Settings(List.of("mongodb", "couchbase"), List.of(1, 100, 10_000), 0, 1);
        List<FreshJvmIdleStart.Result> results = List.of(
                result("mongodb", 1, 20),
                result("mongodb", 100, 25),
                result("mongodb", 10_000, 30),
                result("couchbase", 1, 20),
                result("couchbase", 100, 25),
                result("couchbase", 10_000, 45));

        List<TargetCheck> checks = IndexedIdleStartBench.judge(results, settings);

        assertThat(checks)
                .extracting(TargetCheck::backend, TargetCheck::target, TargetCheck::met)
                .containsExactly(
                        tuple("mongodb", "with the index, 10,000 change units cost at most 1.2 x 100", true),
                        tuple("mongodb", "with the index, 10,000 change units cost at most 30 ms over 1", true),
                        tuple("couchbase", "with the index, 10,000 change units cost at most 1.2 x 100", false),
                        tuple("couchbase", "with the index, 10,000 change units cost at most 30 ms over 1", true));
        assertThat(checks.get(2).measured()).isEqualTo("45.0 ms vs 25.0 ms (1.80 x)");
        assertThat(checks.get(3).measured()).isEqualTo("45.0 ms vs 20.0 ms (+25.0 ms)");
    }

    @Test
    void settingsThatCannotBeMeasuredAreRefusedWithWhatToSet() {
        assertThatThrownBy(() -> new IndexedIdleStartBench.Settings(List.of("postgres"), List.of(1), 0, 1))
                .hasMessageContaining("Unknown backend 'postgres' in bench.backends");
        assertThatThrownBy(() -> new IndexedIdleStartBench.Settings(List.of("mongodb"), List.of(0, 100), 0, 1))
                .hasMessageContaining("bench.freshSizes needs one or more change-unit counts of at least 1");
        assertThatThrownBy(() -> new IndexedIdleStartBench.Settings(List.of("mongodb"), List.of(1), 0, 0))
                .hasMessageContaining("bench.freshReps 1 or more");
    }

    private static FreshJvmIdleStart.Result result(String backend, int units, long indexedMillis) {
        Samples scanned = Samples.ofNanos(indexedMillis * 3_000_000);
        Samples indexed = Samples.ofNanos(indexedMillis * 1_000_000);
        return new FreshJvmIdleStart.Result(
                backend, units, scanned, indexed, scanned, indexed, units, 0, Optional.empty());
    }
}
