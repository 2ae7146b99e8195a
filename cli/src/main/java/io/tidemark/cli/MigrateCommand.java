package io.tidemark.cli;

import io.tidemark.core.chain.VerificationResult;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "migrate",
        description = {
            "Copy a chain from one store to another (empty) one, streamed and verified.",
            "The way to move a running system's audit log, say from MongoDB to DynamoDB, with its history: stop the "
                    + "applications first, then point them at the new store. Nothing is created in the source (exit code "
                    + "3 when its tables or collections are missing); the target's are created when missing and "
                    + "auto-create is on (the default). Progress and the summary go to standard error, or with --json the "
                    + "summary to standard output as JSON."
        })
final class MigrateCommand implements Callable<Integer> {

    @Option(
            names = "--from",
            required = true,
            paramLabel = "CONFIG",
            description = "Properties file of the source store.")
    Path from;

    @Option(
            names = "--to",
            required = true,
            paramLabel = "CONFIG",
            description = "Properties file of the target store.")
    Path to;

    @Option(
            names = "--chain",
            paramLabel = "NAME",
            description = "Chain to copy (else tidemark.chain of --from, else 'default').")
    String chain;

    @Option(names = "--json", description = "Print machine-readable JSON instead of text.")
    boolean json;

    @Option(
            names = CliLogging.VERBOSE,
            description = "Also show what the database clients log (INFO and above; "
                    + "without this option only their errors), and Tidemark's own progress.")
    boolean verbose;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        TidemarkCli root = (TidemarkCli) spec.root().userObject();
        Printer printer = new Printer(
                spec.commandLine().getOut(), spec.commandLine().getErr(), json, TerminalWidth.of(root.environment()));
        String command = "the source of " + spec.qualifiedName(" ");
        Map<String, String> readOnly = ReadOnlyAccess.environment(root.environment());
        ReadOnlyAccess.refuseForcedAutoCreate(command, null, from, chain, readOnly);
        try (Session source = Session.open(null, from, chain, readOnly, root.clock())) {
            ReadOnlyAccess.requireReady(source, command, ExitCodes.INVALID_INPUT);
            try (Session target = Session.open(null, to, source.chain(), root.environment(), root.clock())) {
                printer.progress(
                        "Migrating chain '%s' from %s to %s",
                        source.chain(),
                        source.store().describe(),
                        target.store().describe());
                VerificationResult result = target.operator()
                        .importChain(
                                () -> source.operator().history(),
                                (phase, count) -> printer.progress("%s: %d records", phase, count));
                return TransferReport.print(printer, "Migrated", source.store().describe(), target, result);
            }
        }
    }
}
