package io.tidemark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tidemark.adapter.mongodb.testing.MongoFixture;
import io.tidemark.core.ConfigSource;
import io.tidemark.core.Tidemark;
import io.tidemark.core.TidemarkConfig;
import io.tidemark.spi.AuditRecord;
import io.tidemark.spi.AuditState;
import java.nio.file.Path;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code tidemark import-mongock}: Mongock's change log in MongoDB into a chain, with text and JSON output. */
class MongockImportCliTest {

    private static final Namespaces NAMESPACES = new Namespaces();
    private static MongoFixture mongo;

    @TempDir
    Path directory;

    @BeforeAll
    static void start() {
        mongo = MongoFixture.startEmbedded();
    }

    @AfterAll
    static void stop() {
        mongo.close();
    }

    private static void writeMongockLog(String namespace, String collection) {
        var log = mongo.client().getDatabase(MongoFixture.database(namespace)).getCollection(collection);
        log.insertOne(entry("system-change-00001", "EXECUTED", 1_000)
                .append("systemChange", true)
                .append("author", "mongock"));
        log.insertOne(entry("create-users", "EXECUTED", 2_000));
        log.insertOne(entry("seed-users", "FAILED", 3_000)
                .append("errorTrace", "{\"execution-error\":\"java.lang.IllegalStateException: boom\"}"));
    }

    private static Document entry(String changeId, String state, long millis) {
        return new Document("executionId", "run-1")
                .append("changeId", changeId)
                .append("author", "ana")
                .append("timestamp", new Date(millis))
                .append("state", state)
                .append("type", "EXECUTION")
                .append("changeLogClass", "com.example.Units")
                .append("changeSetMethod", "execution")
                .append("executionMillis", 5L)
                .append("executionHostname", "app-1")
                .append("systemChange", false);
    }

    private List<AuditRecord> history(Map<String, String> keys) {
        try (var operator = Tidemark.builder()
                        .configuration(TidemarkConfig.of(ConfigSource.of("test", keys)))
                        .buildOperator();
                var records = operator.history()) {
            return records.toList();
        }
    }

    @Test
    void importsIntoTheChainWithASummaryOnStandardError() {
        String namespace = NAMESPACES.fresh("mongock");
        Map<String, String> keys = mongo.configuration(namespace);
        writeMongockLog(namespace, "mongockChangeLog");
        String config = ConfigFile.write(directory, "app", keys).toString();

        CliRun run =
                CliRun.of("", Map.of(), "import-mongock", "--from", config, "--config", config, "--operator", "ana");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).isEmpty();
        assertThat(run.err())
                .contains(
                        "Importing Mongock's change log in MongoDB",
                        "Imported 2 of 3 entries",
                        "1 applied",
                        "1 failed (issues)",
                        "1 system changes",
                        "Changes needing a decision (`tidemark issues`): seed-users",
                        "The chain verifies");
        assertThat(history(keys))
                .extracting(AuditRecord::changeId, AuditRecord::state)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("create-users", AuditState.MARKED_APPLIED),
                        org.assertj.core.groups.Tuple.tuple("seed-users", AuditState.FAILED));
        assertThat(history(keys).get(0).metadata()).containsEntry(AuditRecord.META_OPERATOR, "ana");

        CliRun again = CliRun.of("", Map.of(), "import-mongock", "--from", config, "--config", config);
        assertThat(again.exitCode()).as(again.toString()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(again.err()).contains("Nothing to import");
        assertThat(history(keys)).hasSize(2);
    }

    /** Nothing is appended to a chain that no longer verifies: exit 3, naming the first broken record. */
    @Test
    void aBrokenChainIsRefusedWithExitCodeThreeAndNothingIsWritten() {
        String namespace = NAMESPACES.fresh("mongock");
        Map<String, String> keys = mongo.configuration(namespace);
        writeMongockLog(namespace, "mongockChangeLog");
        String config = ConfigFile.write(directory, "app", keys).toString();
        CliRun first = CliRun.of("", Map.of(), "import-mongock", "--from", config, "--config", config);
        assertThat(first.exitCode()).as(first.toString()).isZero();
        AuditRecord failed = history(keys).get(1);
        mongo.rawRecords(namespace)
                .overwrite(failed.toBuilder().errorMessage("nothing to see").build());
        mongo.client()
                .getDatabase(MongoFixture.database(namespace))
                .getCollection("mongockChangeLog")
                .insertOne(entry("add-index", "EXECUTED", 4_000));

        CliRun again = CliRun.of("", Map.of(), "import-mongock", "--from", config, "--config", config);

        assertThat(again.exitCode()).as(again.toString()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(again.err()).contains("seq " + failed.seq());
        assertThat(history(keys)).extracting(AuditRecord::changeId).containsExactly("create-users", "seed-users");
    }

    @Test
    void jsonCarriesTheCountsAndTheIssues() {
        String namespace = NAMESPACES.fresh("mongock");
        Map<String, String> keys = mongo.configuration(namespace);
        writeMongockLog(namespace, "legacyLog");
        String config = ConfigFile.write(directory, "app", keys).toString();

        CliRun run = CliRun.of(
                "",
                Map.of(),
                "import-mongock",
                "--from",
                config,
                "--config",
                config,
                "--collection",
                "legacyLog",
                "--json");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        JsonNode json = run.json();
        assertThat(json.get("read").asInt()).isEqualTo(3);
        assertThat(json.get("imported").asInt()).isEqualTo(2);
        assertThat(json.get("markedApplied").asInt()).isEqualTo(1);
        assertThat(json.get("problems").asInt()).isEqualTo(1);
        assertThat(json.get("skipped").asInt()).isEqualTo(1);
        assertThat(json.get("systemChanges").asInt()).isEqualTo(1);
        assertThat(json.get("issues").get(0).asText()).isEqualTo("seed-users");
        assertThat(json.get("intact").asBoolean()).isTrue();
        assertThat(json.get("from").asText()).contains("legacyLog");
    }

    @Test
    void aMissingChangeLogIsInvalidInputAndNothingIsWritten() {
        String namespace = NAMESPACES.fresh("mongock");
        Map<String, String> keys = mongo.configuration(namespace);
        String config = ConfigFile.write(directory, "app", keys).toString();

        CliRun run = CliRun.of("", Map.of(), "import-mongock", "--from", config, "--config", config);

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(run.err()).contains("mongockChangeLog", "does not exist");
        assertThat(history(keys)).isEmpty();
    }

    @Test
    void withoutFromItIsAUsageError() {
        CliRun run = CliRun.of("import-mongock", "--store", "mongodb");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("--from");
    }
}
