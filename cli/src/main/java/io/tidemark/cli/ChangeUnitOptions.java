package io.tidemark.cli;

import java.util.List;
import picocli.CommandLine.Option;

/** Where the application's change units are: its class path and the packages to scan. */
public final class ChangeUnitOptions {

    @Option(
            names = "--classpath",
            required = true,
            paramLabel = "PATH",
            description = "The application's class path, as java -cp takes it: jars and class directories separated "
                    + "by the path separator, lib/* for every jar in lib (may be repeated).")
    List<String> classpath;

    @Option(
            names = "--scan-package",
            required = true,
            paramLabel = "PACKAGE",
            description = "A package whose @ChangeUnit classes (sub-packages included) the application runs (may be "
                    + "repeated).")
    List<String> packages;
}
