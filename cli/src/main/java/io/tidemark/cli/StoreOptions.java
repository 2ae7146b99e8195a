package io.tidemark.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The options every command takes to choose its store and chain, and how to print. */
public final class StoreOptions {

    @Option(
            names = "--store",
            paramLabel = "NAME",
            description = "Audit store: dynamodb, mongodb or couchbase (else tidemark.store from configuration).")
    String store;

    @Option(
            names = "--config",
            paramLabel = "FILE",
            description = "Properties file with tidemark.* keys (listed by tidemark --help); read after the command "
                    + "line options and before -D options given to java and TIDEMARK_* environment variables.")
    Path config;

    @Option(names = "--chain", paramLabel = "NAME", description = "Audit chain (else tidemark.chain, else 'default').")
    String chain;

    @Option(names = "--json", description = "Print machine-readable JSON instead of text.")
    boolean json;

    @Option(
            names = CliLogging.VERBOSE,
            description = "Also show what the database clients log (INFO and above; "
                    + "without this option only their errors), and Tidemark's own progress.")
    boolean verbose;
}
