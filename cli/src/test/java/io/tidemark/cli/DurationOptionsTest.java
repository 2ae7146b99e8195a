package io.tidemark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Durations on the command line and in its configuration that overflow are invalid input (exit 3), not crashes. */
class DurationOptionsTest {

    private static MongoCliBackend backend;

    @TempDir
    Path directory;

    @BeforeAll
    static void start() {
        backend = new MongoCliBackend();
    }

    @AfterAll
    static void stop() {
        backend.close();
    }

    private Path config(Map<String, String> extra) {
        Map<String, String> keys = new HashMap<>(backend.newNamespace());
        keys.putAll(extra);
        return CliBackend.write(directory, "store", keys);
    }

    @Test
    void anAgeTooLargeToRepresentIsInvalidInput() {
        CliRun run = CliRun.of("history", "--since", "999999999999999d", "--config", config(Map.of()).toString());

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(run.err()).contains("--since", "999999999999999d", "at most").doesNotContain("Exception");
    }

    @Test
    void aLockTimeoutTooLargeToRepresentIsInvalidConfiguration() {
        CliRun run = CliRun.of("mark-applied", "some-change", "--reason", "checked",
                "--config", config(Map.of("tidemark.lock.timeout", "999999999999999999m")).toString());

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(run.err()).contains("tidemark.lock.timeout = '999999999999999999m'", "from 0s to 24h")
                .doesNotContain("ArithmeticException");
    }
}
