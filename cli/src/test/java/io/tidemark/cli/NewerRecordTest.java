package io.tidemark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.adapter.mongodb.MongoAuditStore;
import io.tidemark.adapter.mongodb.testing.AuditDocuments;
import io.tidemark.adapter.mongodb.testing.EmbeddedMongoServer;
import io.tidemark.spi.AuditRecord;
import io.tidemark.tck.TestRecords;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A record written by a newer Tidemark version (a state this one does not know) is not reported as
 * tampering: {@code verify} says which record and to upgrade, and every command exits with its own code.
 */
class NewerRecordTest {

    private static EmbeddedMongoServer mongo;

    @TempDir
    Path directory;

    @BeforeAll
    static void start() {
        mongo = EmbeddedMongoServer.start();
    }

    @AfterAll
    static void stop() {
        mongo.close();
    }

    private Path chainWithANewerRecord() {
        String database = "newer" + System.nanoTime();
        MongoAuditStore store = MongoAuditStore.builder(mongo.client(), database).build();
        List<AuditRecord> records = TestRecords.chain("default", 4);
        records.forEach(store::append);
        mongo.client().getDatabase(database).getCollection("tidemarkAudit").updateOne(
                new Document(AuditDocuments.CHAIN, "default").append(AuditDocuments.SEQ, 3L),
                new Document("$set", new Document(AuditDocuments.STATE, "PAUSED")));
        return CliBackend.write(directory, "store", Map.of("tidemark.store", "mongodb",
                "tidemark.mongodb.uri", mongo.connectionString(), "tidemark.mongodb.database", database));
    }

    @Test
    void verifyNamesTheRecordAndSaysToUpgrade() {
        CliRun run = CliRun.of("verify", "--config", chainWithANewerRecord().toString());

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.NEWER_VERSION);
        assertThat(run.out()).contains("UNREADABLE", "seq 3", "state 'PAUSED'", "upgrade")
                .doesNotContain("BROKEN");
    }

    @Test
    void verifyAsJsonSaysItIsUnreadableNotBroken() {
        CliRun run = CliRun.of("verify", "--json", "--config", chainWithANewerRecord().toString());

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.NEWER_VERSION);
        assertThat(run.json().get("intact").asBoolean()).isFalse();
        assertThat(run.json().get("unreadable").asBoolean()).isTrue();
        assertThat(run.json().get("seq").asLong()).isEqualTo(3);
    }

    @Test
    void otherCommandsExitWithTheSameCodeAndMessage() {
        CliRun run = CliRun.of("history", "--config", chainWithANewerRecord().toString());

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.NEWER_VERSION);
        assertThat(run.err()).contains("Record seq 3 of chain 'default'", "newer version of Tidemark");
    }
}
