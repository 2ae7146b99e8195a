package io.tidemark.examples.quickstart;

import io.tidemark.spi.support.Secrets;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;

/**
 * {@code quickstart.serve=true}: after the report, keeps the quickstart's server running so that the
 * command line ({@code tidemark-cli}) can inspect the audit log the run left, until Enter is pressed
 * or the JVM is stopped (Ctrl-C).
 *
 * <p>The servers the quickstart starts listen on a free port chosen at start, and are gone when it
 * exits: an audit log kept in mongo-java-server's data file or in dynalite's folder can only be read
 * through a running server. So this mode writes the keys that reach the store to
 * {@value #CLI_CONFIG_FILE} (in the data directory, else a temporary one), prints the commands to
 * try, and deletes the file when the server stops. The file may hold a password the user configured;
 * it is readable by its owner only, and its listing on screen masks secrets.
 */
final class ServeMode {

    /** The properties file the command line reads with {@code --config}. */
    static final String CLI_CONFIG_FILE = "tidemark-cli.properties";
    /** The command line's jar, relative to the repository root, and how to build it. */
    static final String CLI_JAR = "cli/target/tidemark-cli.jar";

    static final String CLI_BUILD = "mvn -B -pl cli -am package -DskipTests";

    private final QuickstartSettings settings;
    private final PrintStream out;
    private final InputStream in;

    ServeMode(QuickstartSettings settings, PrintStream out, InputStream in) {
        this.settings = settings;
        this.out = out;
        this.in = in;
    }

    /** Writes the command line's configuration, prints how to use it, and waits; see the class description. */
    void serve(Quickstart.AuditStoreAccess access) {
        Path file = writeConfiguration(access.configuration());
        try {
            out.println();
            out.println("== The audit store stays up for the command line ==");
            out.println("audit store: " + access.description());
            out.println("Its configuration, written to " + file + ":");
            access.configuration().forEach((key, value) -> out.println("  " + key + "=" + Secrets.display(key, value)));
            out.println("In another terminal, at the repository root (build the command line once with: " + CLI_BUILD
                    + "):");
            for (String command : new String[] {"status", "history", "verify"}) {
                out.println("  java -jar " + CLI_JAR + " " + command + " --config " + file);
            }
            out.println("Press Enter here to stop the server (or Ctrl-C).");
            out.flush();
            awaitStop();
        } finally {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                out.println("Could not delete " + file + ": " + e.getMessage());
            }
        }
    }

    private Path writeConfiguration(Map<String, String> configuration) {
        try {
            Path directory = settings.dataDir().isPresent()
                    ? Files.createDirectories(settings.dataDir().get())
                    : Files.createTempDirectory("tidemark-quickstart");
            Path file = directory.resolve(CLI_CONFIG_FILE).toAbsolutePath();
            Files.deleteIfExists(file);
            if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                Files.createFile(
                        file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            }
            Properties properties = new Properties();
            properties.putAll(configuration);
            try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.ISO_8859_1)) {
                properties.store(
                        writer,
                        "Written by the Tidemark quickstart (quickstart.serve) while its server runs; "
                                + "deleted when it stops. Use with: java -jar " + CLI_JAR
                                + " status --config <this file>");
            }
            file.toFile().deleteOnExit();
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write the command line's configuration: " + e.getMessage(), e);
        }
    }

    /** Until a line (Enter) arrives; with no input to read (closed, not a terminal), until the JVM stops. */
    private void awaitStop() {
        try {
            int read;
            do {
                read = in.read();
            } while (read != -1 && read != '\n');
            if (read == -1) {
                out.println("(Standard input is closed: stop with Ctrl-C.)");
                out.flush();
                new CountDownLatch(1).await();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
