package io.tidemark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** What needs no store: help, version, usage errors. */
class CliUsageTest {

    @Test
    void helpListsEveryCommandAndTheExitCodes() {
        CliRun help = CliRun.of("--help");

        assertThat(help.exitCode()).isZero();
        assertThat(help.out())
                .contains(
                        "status",
                        "history",
                        "issues",
                        "mark-applied",
                        "mark-rolled-back",
                        "verify",
                        "export",
                        "import",
                        "migrate",
                        "lock",
                        "doctor",
                        "Exit codes:",
                        "3   invalid configuration or input");
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
        assertThat(run.err())
                .contains(
                        "Several audit store adapters",
                        "tidemark.store=... in a properties file given "
                                + "with --config FILE, --store NAME, -Dtidemark.store=... given to java, or environment variable "
                                + "TIDEMARK_STORE")
                .doesNotContain("command line option", "tidemark.properties");
    }

    @Test
    void theEnvironmentChoosesTheStoreLikeInTheLibrary() {
        CliRun run = CliRun.of("", Map.of("TIDEMARK_STORE", "postgres"), "status");

        assertThat(run.err()).contains("tidemark.store = 'postgres'");
    }

    @Test
    void everySubcommandPrintsItsOwnHelpWithDashDashHelpAndDashH() {
        List<List<String>> commands = new ArrayList<>();
        collect(
                TidemarkCli.commandLine(Map.of(), InputStream.nullInputStream(), Clock.systemUTC()),
                List.of(),
                commands);

        assertThat(commands)
                .extracting(c -> String.join(" ", c))
                .contains(
                        "status",
                        "history",
                        "issues",
                        "mark-applied",
                        "mark-rolled-back",
                        "verify",
                        "export",
                        "import",
                        "migrate",
                        "lock",
                        "lock show",
                        "lock release",
                        "doctor",
                        "help");
        assertThat(commands).allSatisfy(command -> {
            for (String flag : List.of("--help", "-h")) {
                List<String> args = new ArrayList<>(command);
                args.add(flag);
                CliRun run = CliRun.of(args.toArray(String[]::new));
                assertThat(run.exitCode()).as("%s%n%s", args, run).isZero();
                assertThat(run.out()).as("%s", args).contains("Usage: tidemark " + String.join(" ", command) + " [");
                assertThat(run.err()).as("%s", args).isEmpty();
            }
        });
    }

    @Test
    void aSubcommandsHelpDescribesItsOptionsAndTheExitCodes() {
        CliRun help = CliRun.of("status", "--help");

        assertThat(help.out()).contains("--config=FILE", "--store=NAME", "--chain=NAME", "--json", "Exit codes:");
    }

    @Test
    void theLockGroupNamesBothOfItsCommands() {
        CliRun help = CliRun.of("lock", "--help");
        CliRun alone = CliRun.of("lock");

        assertThat(help.out()).contains("Show who holds the chain's lock, or break", "show", "release");
        assertThat(alone.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(alone.err()).contains("show", "release");
    }

    @Test
    void argumentsAreCheckedBeforeAnythingConnects() {
        CliRun history = CliRun.of("history", "--limit", "0", "--store", "postgres");
        CliRun release = CliRun.of("lock", "release", "--store", "postgres", "--config", "prod.properties");

        assertThat(history.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(history.err()).contains("--limit must be at least 1").doesNotContain("postgres");
        assertThat(release.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(release.err())
                .contains("without --force", "tidemark lock show --store postgres --config prod.properties");
    }

    @Test
    void aMissingKeyIsExplainedWithTheCommandLinesOwnPlacesTheConfigFileFirst() {
        CliRun run = CliRun.of("status", "--store", "couchbase");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(run.err())
                .contains(
                        "Missing configuration tidemark.couchbase.connection-string",
                        "set "
                                + "tidemark.couchbase.connection-string=... in a properties file given with --config FILE, "
                                + "-Dtidemark.couchbase.connection-string=... given to java, or environment variable "
                                + "TIDEMARK_COUCHBASE_CONNECTION_STRING.")
                .doesNotContain("command line option", "tidemark.properties", "--connection-string");
    }

    @Test
    void aMissingKeyNamesTheConfigFileGiven(@TempDir Path directory) {
        Path file = ConfigFile.write(directory, "prod", Map.of("tidemark.store", "couchbase"));

        CliRun run = CliRun.of("status", "--config", file.toString());

        assertThat(run.err())
                .contains(
                        "set tidemark.couchbase.bucket=... in config file " + file + ", "
                                + "-Dtidemark.couchbase.bucket=... given to java, or environment variable TIDEMARK_COUCHBASE_BUCKET.");
    }

    private static void collect(CommandLine line, List<String> path, List<List<String>> into) {
        line.getSubcommands().forEach((name, sub) -> {
            if (sub.getCommandName().equals(name)) {
                List<String> command = new ArrayList<>(path);
                command.add(name);
                into.add(command);
                collect(sub, command, into);
            }
        });
    }
}
