package io.tidemark.cli;

import io.tidemark.core.chain.VerificationResult;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
        name = "import",
        description = {
            "Load a JSON Lines export into an EMPTY chain, keeping every hash.",
            "The whole file is verified before anything is written; the chain is verified again at the end. Creates the "
                    + "tables or collections when they are missing and auto-create is on (the default). Progress and the "
                    + "summary go to standard error, or with --json the summary to standard output as JSON."
        })
final class ImportCommand extends StoreCommand {

    @Option(names = "--in", required = true, paramLabel = "FILE", description = "The export to load.")
    Path in;

    @Override
    int run(Session session, Printer printer) {
        VerificationResult result = session.operator()
                .importChain(
                        new JsonLinesSource(in), (phase, count) -> printer.progress("%s: %d records", phase, count));
        return TransferReport.print(printer, "Imported", in.toString(), session, result);
    }

    @Override
    boolean mayCreate() {
        return true;
    }
}
