package io.tidemark.cli;

import io.tidemark.core.error.ChainBrokenException;
import io.tidemark.core.error.LockLostException;
import io.tidemark.core.error.LockTimeoutException;
import io.tidemark.core.error.TidemarkException;
import io.tidemark.core.error.UnreadableRecordException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ScopeType;

/**
 * The {@code tidemark} command line: inspect and repair audit chains without writing code.
 * The store is chosen like in the library ({@code --store}, {@code --config file.properties},
 * system properties, environment variables; see {@link Session}). Before a command runs, the
 * database clients' loggers are quietened unless it was given {@code --verbose} (see
 * {@link CliLogging}).
 *
 * <p>The root's {@code --help}, {@code --version} and the exit-code footer are inherited by every
 * subcommand ({@link ScopeType#INHERIT}), so {@code tidemark status --help} prints the help of
 * {@code status}.
 */
@Command(
        name = "tidemark",
        scope = ScopeType.INHERIT,
        mixinStandardHelpOptions = true,
        versionProvider = CliVersion.class,
        description = {
            "Inspect, verify and repair Tidemark audit chains; plan and baseline an application's change " + "units.",
            "A command chooses its store with --store, --config FILE and --chain (migrate: --from and --to); every "
                    + "command takes --json, --verbose (the database clients' own log too) and -h for its own help. "
                    + "Results go to "
                    + "standard output (with --json one JSON document, nothing else); progress, prompts, errors and "
                    + "the summaries of export, import and migrate go to standard error. Only import, migrate (into "
                    + "its target), mark-* and baseline create missing tables or collections."
        },
        footer = {"", ExitCodes.HELP},
        subcommands = {
            StatusCommand.class,
            HistoryCommand.class,
            IssuesCommand.class,
            MarkAppliedCommand.class,
            MarkRolledBackCommand.class,
            VerifyCommand.class,
            ExportCommand.class,
            ImportCommand.class,
            ImportMongockCommand.class,
            MigrateCommand.class,
            LockCommand.class,
            DoctorCommand.class,
            PlanCommand.class,
            BaselineCommand.class,
            CommandLine.HelpCommand.class
        })
public final class TidemarkCli {

    /** The narrowest help picocli lays out. */
    private static final int MINIMUM_HELP_WIDTH = 55;

    private final Map<String, String> environment;
    private final InputStream input;
    private final Clock clock;

    TidemarkCli(Map<String, String> environment, InputStream input, Clock clock) {
        this.environment = Map.copyOf(environment);
        this.input = input;
        this.clock = clock;
    }

    /**
     * Runs the command line and exits the JVM with the command's exit code (see {@link ExitCodes}).
     *
     * @param args the command and its options, e.g. {@code status --config prod-audit.properties}
     */
    public static void main(String[] args) {
        System.exit(execute(args, System.out, System.err, System.in, System.getenv(), Clock.systemUTC()));
    }

    /** Runs one command line; returns its exit code (see {@link ExitCodes}). */
    static int execute(
            String[] args,
            PrintStream out,
            PrintStream err,
            InputStream in,
            Map<String, String> environment,
            Clock clock) {
        PrintWriter outWriter = new PrintWriter(out, true, StandardCharsets.UTF_8);
        PrintWriter errWriter = new PrintWriter(err, true, StandardCharsets.UTF_8);
        CommandLine commandLine = commandLine(environment, in, clock)
                .setOut(outWriter)
                .setErr(errWriter)
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setExecutionExceptionHandler((exception, line, parseResult) -> {
                    line.getErr().println("tidemark: " + exception.getMessage());
                    int code = exitCodeOf(exception);
                    if (code == ExitCodes.INTERNAL_ERROR) {
                        exception.printStackTrace(line.getErr());
                    }
                    line.getErr().flush();
                    return code;
                })
                .setExecutionStrategy(parsed -> {
                    CliLogging.configure(CliLogging.verbose(parsed));
                    return new CommandLine.RunLast().execute(parsed);
                });
        int code = commandLine.execute(args);
        outWriter.flush();
        errWriter.flush();
        return code;
    }

    /** The command tree, before its streams are set; help is laid out to the terminal's width. */
    static CommandLine commandLine(Map<String, String> environment, InputStream in, Clock clock) {
        int width = Math.max(MINIMUM_HELP_WIDTH, TerminalWidth.of(environment).columns());
        CommandLine root = new CommandLine(new TidemarkCli(environment, in, clock)).setUsageHelpWidth(width);
        ConfigurationHelp.addTo(root, width);
        return root;
    }

    static int exitCodeOf(Exception exception) {
        if (exception instanceof StoreNotReadyException notReady) {
            return notReady.exitCode();
        }
        if (exception instanceof InvalidInputException) {
            return ExitCodes.INVALID_INPUT;
        }
        if (exception instanceof ChainBrokenException) {
            return ExitCodes.INVALID_INPUT;
        }
        if (exception instanceof UnreadableRecordException) {
            return ExitCodes.NEWER_VERSION;
        }
        if (exception instanceof LockTimeoutException || exception instanceof LockLostException) {
            return ExitCodes.LOCK_HELD;
        }
        if (exception instanceof TidemarkException tidemark) {
            return tidemark.isTransient() ? ExitCodes.STORE_UNAVAILABLE : ExitCodes.INVALID_INPUT;
        }
        if (exception instanceof IllegalArgumentException) {
            return ExitCodes.INVALID_INPUT;
        }
        return ExitCodes.INTERNAL_ERROR;
    }

    Map<String, String> environment() {
        return environment;
    }

    InputStream input() {
        return input;
    }

    Clock clock() {
        return clock;
    }
}
