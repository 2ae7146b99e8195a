package io.tidemark.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole harness, every scenario once with tiny sizes on mongo-java-server, so that the
 * documented command keeps working: it prints the table and the targets, and writes the JSON.
 * Nothing here is timed; the benchmark itself runs only with {@code -P bench}.
 */
class BenchHarnessTest {

    @Test
    void everyScenarioRunsAndIsReportedInTheTableAndTheJson(@TempDir Path directory) throws IOException {
        BenchSettings tiny =
                new BenchSettings(List.of("mongodb"), 20, 0, 1, List.of(10, 30), 1, 2, 1, 3, 0, 1, 0, 2, 10, 0, 1);
        Path json = directory.resolve("results.json");
        ByteArrayOutputStream printed = new ByteArrayOutputStream();

        List<TargetCheck> checks = BenchMain.run(tiny, json, new PrintStream(printed, true, StandardCharsets.UTF_8));

        String table = printed.toString(StandardCharsets.UTF_8);
        assertThat(table)
                .contains(
                        "apply-20",
                        "idle-start-10",
                        "idle-start-30",
                        "lock-acquire",
                        "lock-extend",
                        "lock-release",
                        "handover",
                        "2-instances-10",
                        "Targets:");
        assertThat(checks)
                .extracting(TargetCheck::target)
                .containsExactly(
                        "per applied change: exactly 2 audit writes, no reads",
                        "idle start: at most 2 requests, initialisation included",
                        "idle start: constant records read and requests, whatever the history",
                        "handover within 250 ms of release");
        assertThat(checks.subList(0, 3)).allMatch(TargetCheck::met);
        JsonNode root = new ObjectMapper().readTree(json.toFile());
        assertThat(root.path("machine").path("processors").asInt()).isPositive();
        assertThat(root.path("measurements")).hasSize(8);
        assertThat(root.path("targets")).hasSize(4);
        JsonNode apply = root.path("measurements").get(0);
        assertThat(apply.path("scenario").asText()).isEqualTo("apply-20");
        assertThat(apply.path("samplesMillis")).hasSize(1);
        assertThat(apply.path("notes").path("marginalAuditWritesPerChange").asDouble())
                .isEqualTo(2.0);
    }
}
