package io.tidemark.it.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.core.ConfigSource;
import io.tidemark.core.chain.VerificationResult;
import io.tidemark.examples.quickstart.QuickstartMain;
import io.tidemark.it.backend.Namespaces;
import io.tidemark.it.process.ChildJvm;
import io.tidemark.spi.AuditState;
import io.tidemark.spi.AuditStore;
import io.tidemark.tck.BackendFixture;
import io.tidemark.tck.Verify;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Swapping the audit store without code changes: the quickstart application ({@code examples/quickstart},
 * built once, its main class unchanged) runs in a child JVM per backend, configured only by
 * environment variables: {@code TIDEMARK_STORE} and the adapter's connection keys. The quickstart's
 * change units work on its default target, a MongoDB it serves in its own JVM, in memory (no data
 * folder is given); with {@code TIDEMARK_MONGODB_URI} set (the MongoDB backend) they work on that
 * server instead, in the scenario's database.
 *
 * <p>Proven: every run exits 0 and says its audit store came from configuration with the expected
 * name; the audit chain really is in that backend (read back there, 9 records, intact); and the
 * printed output is the same on every backend once what legitimately differs is normalised (see
 * {@link #normalise(List)}).
 */
public abstract class StoreSwapScenario extends BackendScenario {

    private static final Pattern UUID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final Pattern HASH = Pattern.compile("\\b[0-9a-f]{12}(?:[0-9a-f]{52})?\\b");
    private static final Pattern TIMESTAMP = Pattern.compile("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}\\.\\d{3}");
    private static final Pattern MILLIS = Pattern.compile("\\b\\d+ ms\\b");
    private static final Pattern SPACES = Pattern.compile("\\s+");

    @Test
    void theQuickstartPrintsTheSameOnEveryStoreConfiguredByEnvironmentAlone() throws Exception {
        Map<String, List<String>> outputs = new LinkedHashMap<>();
        for (BackendFixture fixture : backends()) {
            String namespace = Namespaces.fresh("swap");
            List<String> printed = runQuickstart(fixture, namespace);

            assertThat(printed)
                    .as("output on %s", fixture)
                    .anySatisfy(line -> assertThat(line)
                            .startsWith(
                                    "audit store (from configuration, tidemark.store=" + fixture.storeName() + ")"));
            try (AuditStore store = fixture.openStore(namespace, Clock.systemUTC())) {
                assertThat(HistoryStep.of(store, "default"))
                        .as("the quickstart's audit chain, read in %s", fixture)
                        .hasSize(9)
                        .last()
                        .extracting(HistoryStep::state)
                        .isEqualTo(AuditState.CHECKPOINT);
                assertThat(Verify.chain(store, "default")).isInstanceOf(VerificationResult.Intact.class);
            }
            outputs.put(fixture.storeName(), normalise(printed));
        }

        List<String> reference = outputs.values().iterator().next();
        assertThat(String.join("\n", reference))
                .contains(
                        "4 applied, 0 already applied",
                        "0 applied, 4 already applied",
                        "Nothing applied",
                        "Hash chain verified: 9 records intact",
                        "o-1001 placed 2026-03-01T09:12:00Z 42.50 status PLACED");
        outputs.forEach((store, output) ->
                assertThat(output).as("normalised output on %s", store).containsExactlyElementsOf(reference));
    }

    private static List<String> runQuickstart(BackendFixture fixture, String namespace) throws InterruptedException {
        Map<String, String> environment = new HashMap<>();
        fixture.configuration(namespace)
                .forEach((key, value) -> environment.put(ConfigSource.environmentName(key), value));
        try (ChildJvm quickstart = ChildJvm.start(
                fixture.storeName() + "-quickstart", QuickstartMain.class, Map.of(), List.of(), environment)) {
            assertThat(quickstart.awaitExit(Duration.ofSeconds(120)))
                    .as("exit code of the quickstart on %s%s", fixture, quickstart.describe())
                    .isZero();
            return quickstart.output();
        }
    }

    /**
     * The output with what legitimately differs between stores and runs replaced: the lines naming
     * where the change units work and which audit store is used (the store's description), run ids,
     * hashes (they cover timestamps and run ids), timestamps, durations, and the column padding that
     * depends on their widths.
     */
    static List<String> normalise(List<String> lines) {
        return lines.stream()
                .map(line -> {
                    if (line.startsWith("audit store ")) {
                        return "audit store <from configuration>";
                    }
                    if (line.trim().startsWith("change units work on")) {
                        return "change units work on <target>";
                    }
                    String normal = UUID.matcher(line).replaceAll("<run>");
                    normal = TIMESTAMP.matcher(normal).replaceAll("<time>");
                    normal = HASH.matcher(normal).replaceAll("<hash>");
                    normal = MILLIS.matcher(normal).replaceAll("<n> ms");
                    return SPACES.matcher(normal.strip()).replaceAll(" ");
                })
                .toList();
    }
}
