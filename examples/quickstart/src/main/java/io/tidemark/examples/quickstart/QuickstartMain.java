package io.tidemark.examples.quickstart;

import io.tidemark.core.ConfigSource;
import io.tidemark.core.TidemarkConfig;
import io.tidemark.core.error.TidemarkException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;

/**
 * Runs the quickstart from the command line. Configuration, all optional, is read from these
 * sources, the first that has a key wins:
 *
 * <ol>
 *   <li>system properties of this JVM;</li>
 *   <li>the Maven properties file named by {@value #MAVEN_PROPERTIES_KEY}: the Maven profile writes
 *       every {@code tidemark.*} and {@code quickstart.*} property of the Maven command line into it,
 *       so that {@code mvn ... -Dtidemark.mongodb.database=x} reaches the quickstart whatever the key;</li>
 *   <li>environment variables ({@code TIDEMARK_STORE}, {@code QUICKSTART_BACKEND}, ...);</li>
 *   <li>a {@code tidemark.properties} class path resource.</li>
 * </ol>
 *
 * The quickstart's own keys are listed in {@link QuickstartSettings} ({@code quickstart.backend},
 * {@code quickstart.data-dir}, {@code quickstart.serve}) and here ({@value #LOG_LEVEL_KEY}); every
 * {@code tidemark.*} key is Tidemark's.
 *
 * <p>Exit status 0 when the quickstart ran; 1 when it stopped, after printing one line:
 * {@code Tidemark stopped: <message>} for Tidemark's errors, {@code Quickstart stopped: <message>}
 * for the quickstart's own (a server that would not start, a malformed {@code quickstart.*} key).
 * Anything else is a bug and is printed with its stack trace. When {@value #OUTCOME_FILE_KEY} names
 * a file, the exit status is also written there ({@code status=0}), for the Maven profile: it
 * accepts exit status 1 from the JVM, so that the exec plugin does not print a stack trace of its
 * own, and then fails the build from this file with a short message.
 */
public final class QuickstartMain {

    /** A properties file to read as configuration, after system properties and before the environment. */
    public static final String MAVEN_PROPERTIES_KEY = "quickstart.maven-properties";
    /** A file to write the outcome to ({@code status=0} or {@code status=1}). */
    public static final String OUTCOME_FILE_KEY = "quickstart.outcome-file";
    /** Level of Tidemark's own log on the console: {@code warn} (default), {@code info}, {@code debug}, ... */
    public static final String LOG_LEVEL_KEY = "quickstart.log-level";

    static final int STOPPED = 1;
    private static final String SLF4J_SIMPLE_LEVEL = "org.slf4j.simpleLogger.defaultLogLevel";
    private static final String SLF4J_SIMPLE_LOGGER_PREFIX = "org.slf4j.simpleLogger.log.";
    private static final List<String> LOG_LEVELS = List.of("trace", "debug", "info", "warn", "error", "off");

    private QuickstartMain() {}

    public static void main(String[] args) {
        int status = runFromCommandLine();
        String outcomeFile = System.getProperty(OUTCOME_FILE_KEY);
        if (outcomeFile != null && !outcomeFile.isBlank()) {
            writeOutcome(Path.of(outcomeFile), status);
        }
        System.out.flush();
        // Servers and clients are stopped by now; exit explicitly all the same, with the status.
        System.exit(status);
    }

    private static int runFromCommandLine() {
        try {
            List<ConfigSource> sources = standardSources();
            setLogLevel(TidemarkConfig.of(sources.toArray(ConfigSource[]::new)));
            return run(sources, System.out, System.err, System.in);
        } catch (QuickstartException e) {
            System.err.println("Quickstart stopped: " + e.getMessage());
            return STOPPED;
        } catch (RuntimeException e) {
            // Not a failure the quickstart can explain: a bug, shown whole.
            e.printStackTrace();
            return STOPPED;
        }
    }

    /**
     * Runs the quickstart with {@code sources}, printing the report to {@code out} and a failure to
     * {@code err}; with {@code quickstart.serve} it waits on {@code in}. Never throws for a failure
     * it can explain: it prints one line and returns {@value #STOPPED}.
     *
     * @return the exit status
     */
    static int run(List<ConfigSource> sources, PrintStream out, PrintStream err, InputStream in) {
        TidemarkConfig config = TidemarkConfig.of(sources.toArray(ConfigSource[]::new));
        int status;
        try {
            QuickstartSettings settings = QuickstartSettings.from(config);
            Quickstart quickstart = new Quickstart(settings, sources, out);
            if (settings.serve()) {
                quickstart.run(access -> new ServeMode(settings, out, in).serve(access));
            } else {
                quickstart.run();
            }
            status = 0;
        } catch (TidemarkException e) {
            out.flush();
            err.println();
            err.println("Tidemark stopped: " + e.getMessage());
            status = STOPPED;
        } catch (QuickstartException e) {
            out.flush();
            err.println();
            err.println("Quickstart stopped: " + e.getMessage());
            status = STOPPED;
        }
        return status;
    }

    /** System properties, the Maven properties file when one is named, the environment, {@code tidemark.properties}. */
    static List<ConfigSource> standardSources() {
        List<ConfigSource> sources = new ArrayList<>();
        sources.add(ConfigSource.systemProperties());
        Optional.ofNullable(System.getProperty(MAVEN_PROPERTIES_KEY))
                .filter(name -> !name.isBlank())
                .map(name -> mavenProperties(Path.of(name)))
                .ifPresent(sources::add);
        sources.add(ConfigSource.environment());
        ConfigSource.classpathResource(QuickstartMain.class.getClassLoader(), TidemarkConfig.RESOURCE)
                .ifPresent(sources::add);
        return sources;
    }

    /**
     * The properties the Maven profile forwarded, as a configuration source named "Maven property" in
     * messages (so an error about {@code tidemark.store} says where the value came from).
     */
    static ConfigSource mavenProperties(Path file) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.ISO_8859_1)) {
            properties.load(reader);
        } catch (NoSuchFileException e) {
            throw new QuickstartException(
                    "The file of forwarded Maven properties " + file + " (-D" + MAVEN_PROPERTIES_KEY
                            + ") does not exist; run the quickstart through its Maven profile, or drop that option.");
        } catch (IOException e) {
            throw new QuickstartException("Could not read the forwarded Maven properties " + file + ": " + e, e);
        }
        return ConfigSource.of("Maven property", properties);
    }

    /**
     * Sets the console log levels before anything logs (slf4j-simple reads them once, when the first
     * logger is made): Tidemark's own log at {@value #LOG_LEVEL_KEY} (default {@code warn}, so that
     * the report stands alone; {@code info} shows its progress), every other library at {@code warn},
     * and mongo-java-server at {@code error}: it warns that it ignores the secondary index the change
     * units create (it scans instead) and that it closes clients on shutdown, both expected here.
     * Levels already set as system properties are left as they are.
     */
    private static void setLogLevel(TidemarkConfig config) {
        String level = config.get(LOG_LEVEL_KEY)
                .map(value -> value.toLowerCase(Locale.ROOT))
                .orElse("warn");
        if (!LOG_LEVELS.contains(level)) {
            throw new QuickstartException(
                    "Invalid configuration " + LOG_LEVEL_KEY + " = '" + level + "': expected one of " + LOG_LEVELS);
        }
        setIfAbsent(SLF4J_SIMPLE_LEVEL, "warn");
        setIfAbsent(SLF4J_SIMPLE_LOGGER_PREFIX + "io.tidemark", level);
        setIfAbsent(SLF4J_SIMPLE_LOGGER_PREFIX + "de.bwaldvogel.mongo", "error");
    }

    private static void setIfAbsent(String property, String value) {
        if (System.getProperty(property) == null) {
            System.setProperty(property, value);
        }
    }

    /** Writes {@code status=<status>} to {@code file}, where the Maven profile's last step reads it. */
    static void writeOutcome(Path file, int status) {
        Properties outcome = new Properties();
        outcome.setProperty("status", Integer.toString(status));
        try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.ISO_8859_1)) {
            outcome.store(writer, "Outcome of the Tidemark quickstart");
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write the quickstart's outcome to " + file, e);
        }
    }
}
