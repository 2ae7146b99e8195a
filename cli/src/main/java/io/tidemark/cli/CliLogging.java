package io.tidemark.cli;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.ParseResult;

/**
 * How much the libraries inside the command line log. The executable jar logs through slf4j-simple
 * ({@code org.slf4j:slf4j-simple}, the only slf4j provider it holds), to standard error; its
 * {@code simplelogger.properties} sets WARN for everything. On top of that, before any command runs
 * (so before a database SDK's class is loaded and makes its loggers):
 *
 * <ul>
 *   <li>without {@code --verbose}, the loggers of the database clients are set to ERROR: the
 *       Couchbase SDK (and the reactor library it runs on, its Netty inside
 *       {@code com.couchbase}), the MongoDB driver, the AWS SDK and its Apache HTTP client. Their
 *       warnings about retries and reconnections say less than the one message the command line
 *       prints when a store cannot be reached, and would come before it;</li>
 *   <li>without {@code --verbose}, Netty's report of a task refused by an event loop already shut
 *       down ({@value #REFUSED_AFTER_SHUTDOWN}) is off: the Couchbase SDK logs it at ERROR, with its
 *       stack trace, when a reconnection it had scheduled comes due while the command line closes the
 *       cluster it could not reach, which says nothing an operator can act on;</li>
 *   <li>with {@code --verbose}, every logger shows INFO and above: Tidemark's own progress (what it
 *       connects to and how long it waits) and everything the clients report.</li>
 * </ul>
 *
 * <p>slf4j-simple reads a logger's level from system properties when the logger is made, so levels
 * given to {@code java} with {@code -Dorg.slf4j.simpleLogger.log.<name>=<level>} are left as they
 * are and win.
 */
final class CliLogging {

    /** The loggers of the clients inside the jar, quiet unless {@code --verbose}. */
    static final List<String> CLIENT_LOGGERS = List.of(
            "com.couchbase",
            "reactor",
            "io.netty",
            "org.mongodb.driver",
            "com.mongodb",
            "software.amazon.awssdk",
            "org.apache.hc",
            "org.apache.http");

    /** Netty's logger (inside the Couchbase SDK) of tasks an event loop refused after its shutdown. */
    static final String REFUSED_AFTER_SHUTDOWN =
            "com.couchbase.client.core.deps.io.netty.util.concurrent.DefaultPromise.rejectedExecution";

    /** The option every command takes. */
    static final String VERBOSE = "--verbose";

    private static final String PREFIX = "org.slf4j.simpleLogger.";
    private static final Set<String> SET_HERE = new HashSet<>();

    private CliLogging() {}

    /** Whether any command on the parsed line was given {@value #VERBOSE}. */
    static boolean verbose(ParseResult parsed) {
        for (ParseResult command = parsed; command != null; command = command.subcommand()) {
            if (command.hasMatchedOption(VERBOSE)) {
                return true;
            }
        }
        return false;
    }

    /** Sets the levels as the class description says; a level the user set is left alone. */
    static synchronized void configure(boolean verbose) {
        for (String property : List.of(PREFIX + "defaultLogLevel", PREFIX + "log.io.tidemark")) {
            if (verbose) {
                set(property, "info");
            } else if (SET_HERE.remove(property)) {
                System.clearProperty(property);
            }
        }
        CLIENT_LOGGERS.forEach(logger -> set(PREFIX + "log." + logger, verbose ? "info" : "error"));
        set(PREFIX + "log." + REFUSED_AFTER_SHUTDOWN, verbose ? "info" : "off");
    }

    private static void set(String property, String level) {
        if (System.getProperty(property) == null || SET_HERE.contains(property)) {
            System.setProperty(property, level);
            SET_HERE.add(property);
        }
    }
}
