package io.tidemark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** What needs no store: help, version, usage errors. */
class CliUsageTest {

    @Test
    void helpListsEveryCommandAndTheExitCodes() {
        CliRun help = CliRun.of("--help");

        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("status", "history", "issues", "mark-applied", "mark-rolled-back", "verify",
                "export", "import", "migrate", "lock", "doctor", "Exit codes:", "3   invalid configuration or input");
    }

    @Test
    void versionNamesTheBuild() {
        CliRun version = CliRun.of("--version");

        assertThat(version.out()).startsWith("tidemark 0.");
    }

    @Test
    void anUnknownCommandIsAUsageError() {
        CliRun run = CliRun.of("frobnicate");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("frobnicate");
    }

    @Test
    void aMissingConfigFileIsNamed() {
        CliRun run = CliRun.of("", Map.of(), "status", "--config", "/nonexistent/tidemark.properties");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(run.err()).contains("/nonexistent/tidemark.properties does not exist");
    }

    @Test
    void severalAdaptersWithoutAStoreNameAskToChoose() {
        CliRun run = CliRun.of("status");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(run.err()).contains("Several audit store adapters", "command line option --store",
                "environment variable TIDEMARK_STORE");
    }

    @Test
    void theEnvironmentChoosesTheStoreLikeInTheLibrary() {
        CliRun run = CliRun.of("", Map.of("TIDEMARK_STORE", "postgres"), "status");

        assertThat(run.err()).contains("tidemark.store = 'postgres'");
    }
}
