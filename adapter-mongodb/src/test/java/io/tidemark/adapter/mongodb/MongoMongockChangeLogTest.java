package io.tidemark.adapter.mongodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.client.MongoCollection;
import io.tidemark.adapter.mongodb.testing.EmbeddedMongoServer;
import io.tidemark.core.Tidemark;
import io.tidemark.core.TidemarkConfig;
import io.tidemark.core.error.ConfigurationException;
import io.tidemark.core.operator.MongockImport;
import io.tidemark.core.operator.OperatorApi;
import io.tidemark.spi.AuditRecord;
import io.tidemark.spi.AuditState;
import io.tidemark.spi.MongockChangeLog;
import io.tidemark.spi.MongockEntry;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.stream.Stream;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Reading Mongock's change log from documents in the shape Mongock 5's MongoDB drivers write (the real
 * Mongock writes them in the integration-tests-mongock module), and importing it into a chain in the
 * same database.
 */
class MongoMongockChangeLogTest {

    private static EmbeddedMongoServer server;

    @BeforeAll
    static void start() {
        server = EmbeddedMongoServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static MongoAuditStore store(String database) {
        return MongoAuditStore.builder(server.client(), database).build();
    }

    private static Document entry(String changeId, String state, long millis) {
        return new Document("_id", new ObjectId())
                .append("executionId", "2024-03-01T10:00:00-1")
                .append("changeId", changeId)
                .append("author", "ana")
                .append("timestamp", new Date(millis))
                .append("state", state)
                .append("type", "EXECUTION")
                .append("changeLogClass", "com.example.CreateUsers")
                .append("changeSetMethod", "execution")
                .append("metadata", new Document("team", "payments"))
                .append("executionMillis", 42L)
                .append("executionHostname", "app-1")
                .append("errorTrace", null)
                .append("systemChange", false);
    }

    @Test
    void documentsAreReadFieldForFieldInTimestampOrder() {
        MongoCollection<Document> log = server.client().getDatabase("read").getCollection("mongockChangeLog");
        log.insertOne(entry("second", "EXECUTED", 2_000));
        log.insertOne(entry("first", "EXECUTED", 1_000));
        log.insertOne(new Document("changeId", "mongock3")
                .append("author", "bo")
                .append("timestamp", new Date(500))
                .append("changeLogClass", "com.example.Old")
                .append("changeSetMethod", "run"));

        MongockChangeLog changeLog =
                store("read").mongockChangeLog("mongockChangeLog").orElseThrow();
        List<MongockEntry> entries;
        try (Stream<MongockEntry> stream = changeLog.entries()) {
            entries = stream.toList();
        }

        assertThat(changeLog.describe()).contains("collection 'read.mongockChangeLog'");
        assertThat(entries).extracting(MongockEntry::changeId).containsExactly("mongock3", "first", "second");
        MongockEntry first = entries.get(1);
        assertThat(first.position()).startsWith("_id ");
        assertThat(first.executionId()).isEqualTo("2024-03-01T10:00:00-1");
        assertThat(first.timestamp()).contains(Instant.ofEpochMilli(1_000));
        assertThat(first.state()).isEqualTo("EXECUTED");
        assertThat(first.metadata()).contains("\"team\": \"payments\"");
        assertThat(first.executionMillis()).isEqualTo(42);
        assertThat(first.executionHostname()).isEqualTo("app-1");
        assertThat(first.errorTrace()).isEmpty();
        assertThat(entries.get(0).state()).as("Mongock 3 wrote no state").isEmpty();
        assertThat(entries.get(0).executionMillis()).isEqualTo(-1);
    }

    @Test
    void aMissingCollectionIsNamedAndNothingIsCreated() {
        MongockChangeLog changeLog =
                store("missing").mongockChangeLog("mongockChangeLog").orElseThrow();

        assertThatThrownBy(changeLog::entries)
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("collection 'missing.mongockChangeLog'")
                .hasMessageContaining("does not exist")
                .hasMessageContaining("tidemark.mongodb.database");
        assertThat(server.client().getDatabase("missing").listCollectionNames().into(new java.util.ArrayList<>()))
                .doesNotContain("mongockChangeLog");
    }

    @Test
    void theChangeLogIsImportedIntoAChainOfTheSameDatabase() {
        MongoCollection<Document> log = server.client().getDatabase("imported").getCollection("mongockChangeLog");
        log.insertOne(entry("create-users", "EXECUTED", 1_000));
        log.insertOne(entry("index-users", "ROLLED_BACK", 2_000));
        MongoAuditStore store = store("imported");

        try (OperatorApi operator = Tidemark.builder()
                .auditStore(store)
                .configuration(TidemarkConfig.of())
                .buildOperator()) {
            MongockImport result = operator.importMongock(
                    store.mongockChangeLog("mongockChangeLog").orElseThrow(), "ana");

            assertThat(result.markedApplied()).isEqualTo(1);
            assertThat(result.rolledBack()).isEqualTo(1);
            assertThat(result.verification().isIntact()).isTrue();
            try (Stream<AuditRecord> records = operator.history()) {
                assertThat(records.toList())
                        .extracting(AuditRecord::changeId, AuditRecord::state)
                        .containsExactly(
                                org.assertj.core.groups.Tuple.tuple("create-users", AuditState.MARKED_APPLIED),
                                org.assertj.core.groups.Tuple.tuple("index-users", AuditState.ROLLED_BACK));
            }
        }
    }

    private static OperatorApi operator(MongoAuditStore store) {
        return Tidemark.builder()
                .auditStore(store)
                .configuration(TidemarkConfig.of())
                .buildOperator();
    }

    private static List<AuditRecord> history(OperatorApi operator) {
        try (Stream<AuditRecord> records = operator.history()) {
            return records.toList();
        }
    }

    /**
     * An execution id longer than a record's metadata value may be was accepted by the checks and only
     * failed at its own append, after the entries before it were appended: the import was not all or
     * nothing, and the error was an IllegalArgumentException instead of the listed refusal.
     */
    @Test
    void anOverlongExecutionIdIsRefusedBeforeAnythingIsWritten() {
        MongoCollection<Document> log =
                server.client().getDatabase("long-execution-id").getCollection("mongockChangeLog");
        log.insertOne(entry("create-users", "EXECUTED", 1_000));
        String overlong = "x".repeat(1_200);
        log.insertOne(entry("index-users", "EXECUTED", 2_000).append("executionId", overlong));
        MongoAuditStore store = store("long-execution-id");

        try (OperatorApi operator = operator(store)) {
            ConfigurationException error = org.assertj.core.api.Assertions.catchThrowableOfType(
                    ConfigurationException.class,
                    () -> operator.importMongock(
                            store.mongockChangeLog("mongockChangeLog").orElseThrow(), "ana"));

            assertThat(error).isNotNull();
            assertThat(error.problems())
                    .anySatisfy(
                            problem -> assertThat(problem).contains("executionId", "1200 characters", "index-users"));
            assertThat(error.problems()).last().asString().contains("Nothing was imported");
            assertThat(history(operator)).isEmpty();
        }
    }

    /**
     * A log holding only IGNORED entries and system changes was refused with a message saying its
     * entries were in the chain already, appended by an earlier import: untrue for a chain no import
     * ever wrote to.
     */
    @Test
    void aLogOfOnlyIgnoredAndSystemEntriesIsRefusedSayingSoAndNotBlamingAnEarlierImport() {
        MongoCollection<Document> log =
                server.client().getDatabase("only-ignored").getCollection("mongockChangeLog");
        log.insertOne(entry("create-users", "IGNORED", 1_000));
        log.insertOne(entry("system-change-00001", "EXECUTED", 2_000)
                .append("author", "mongock")
                .append("changeLogClass", "io.mongock.runner.core.executor.system.changes.SystemChangeUnit00001")
                .append("systemChange", true));
        MongoAuditStore store = store("only-ignored");

        try (OperatorApi operator = operator(store)) {
            assertThatThrownBy(() -> operator.importMongock(
                            store.mongockChangeLog("mongockChangeLog").orElseThrow(), "ana"))
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessageContaining("Nothing to import")
                    .hasMessageContaining("1 IGNORED")
                    .hasMessageContaining("1 of Mongock's system changes")
                    .hasMessageNotContaining("earlier import");
            assertThat(history(operator)).isEmpty();
        }
    }
}
