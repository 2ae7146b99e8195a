package io.tidemark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.adapter.mongodb.testing.MongoFixture;
import io.tidemark.spi.AuditRecord;
import io.tidemark.spi.AuditStore;
import io.tidemark.tck.TestRecords;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A record written by a newer Tidemark version (a state this one does not know) is not reported as
 * tampering: {@code verify} says which record and to upgrade, and every command exits with its own code.
 */
class NewerRecordTest {

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

    /** A chain of 4 records whose third holds state {@code PAUSED}, unknown to this version. */
    private Path chainWithANewerRecord() {
        String namespace = NAMESPACES.fresh("newer");
        List<AuditRecord> records = TestRecords.chain("default", 4);
        try (AuditStore store = mongo.openStore(namespace, Clock.systemUTC())) {
            records.forEach(store::append);
        }
        mongo.rawRecords(namespace).overwriteWithState(records.get(2), "PAUSED");
        return ConfigFile.write(directory, "store", mongo.configuration(namespace));
    }

    @Test
    void verifyNamesTheRecordAndSaysToUpgrade() {
        CliRun run = CliRun.of("verify", "--config", chainWithANewerRecord().toString());

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.NEWER_VERSION);
        assertThat(run.out())
                .contains("UNREADABLE", "seq 3", "state 'PAUSED'", "upgrade")
                .doesNotContain("BROKEN");
    }

    @Test
    void verifyAsJsonSaysItIsUnreadableNotBroken() {
        CliRun run = CliRun.of(
                "verify", "--json", "--config", chainWithANewerRecord().toString());

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
