package io.tidemark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.adapter.mongodb.testing.MongoFixture;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Durations on the command line and in its configuration that overflow are invalid input (exit 3), not crashes. */
class DurationOptionsTest {

    private static MongoFixture mongo;
    private static final Namespaces NAMESPACES = new Namespaces();

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

    private Path config(Map<String, String> extra) {
        Map<String, String> keys = new HashMap<>(mongo.configuration(NAMESPACES.fresh("durations")));
        keys.putAll(extra);
        return ConfigFile.write(directory, "store", keys);
    }

    @Test
    void anAgeTooLargeToRepresentIsInvalidInput() {
        CliRun run = CliRun.of(
                "history",
                "--since",
                "999999999999999d",
                "--config",
                config(Map.of()).toString());

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(run.err()).contains("--since", "999999999999999d", "at most").doesNotContain("Exception");
    }

    @Test
    void aLockTimeoutTooLargeToRepresentIsInvalidConfiguration() {
        CliRun run = CliRun.of(
                "mark-applied",
                "some-change",
                "--reason",
                "checked",
                "--config",
                config(Map.of("tidemark.lock.timeout", "999999999999999999m")).toString());

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(run.err())
                .contains("tidemark.lock.timeout = '999999999999999999m'", "from 0s to 24h")
                .doesNotContain("ArithmeticException");
    }
}
