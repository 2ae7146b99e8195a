package io.tidemark.it.child;

import io.tidemark.core.RunReport;
import io.tidemark.core.Tidemark;
import io.tidemark.core.error.ChangeFailedException;
import io.tidemark.core.error.IssuesPendingException;
import io.tidemark.it.backend.Counters;
import io.tidemark.it.changes.ChangeEffects;
import io.tidemark.it.changes.ShopChanges;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * The main class of a child JVM: an application that runs {@link ShopChanges} once, with the audit
 * store chosen and configured by the {@code tidemark.*} system properties alone (through the
 * adapter's provider), and the change units' counters reached with the same connection keys.
 *
 * <p>Other system properties:
 * <ul>
 *   <li>{@value #START_FILE}: after printing {@value #READY} (the JVM is warm and the Tidemark
 *       built), wait until this file exists, so that several children start their runs together;</li>
 *   <li>{@value #BLOCK_IN}: a change id; inside that change, print {@code INSIDE <id>} and block
 *       forever (to be killed there);</li>
 *   <li>{@value #MAX_LIFETIME}: seconds after which the JVM halts itself whatever it is doing
 *       (default 120), so that a child never outlives a test that lost track of it.</li>
 * </ul>
 *
 * <p>Standard output is the protocol with the parent, one line per event: {@value #READY},
 * {@code INSIDE <id>}, then the run's {@link ChildReport} line, or {@code ERROR <type>: <message>}.
 * Exit codes: 0 run complete, 1 a change failed, 2 issues pending, 3 another Tidemark error.
 */
public final class ShopChangesProcess {

    public static final String START_FILE = "it.start-file";
    public static final String BLOCK_IN = "it.block-in";
    public static final String MAX_LIFETIME = "it.max-lifetime-seconds";
    public static final String READY = "READY";
    public static final String INSIDE = "INSIDE ";
    public static final String ERROR = "ERROR ";

    public static final int EXIT_FAILED_CHANGE = 1;
    public static final int EXIT_ISSUES = 2;
    public static final int EXIT_OTHER_ERROR = 3;

    private static final PrintStream OUT = new PrintStream(System.out, true, StandardCharsets.UTF_8);

    private ShopChangesProcess() {}

    public static void main(String[] args) throws Exception {
        haltAfter(Long.getLong(MAX_LIFETIME, 120));
        Map<String, String> configuration = tidemarkProperties();
        int exitCode;
        try (Counters counters = Counters.connect(configuration)) {
            ChangeEffects effects = new ChangeEffects(counters);
            Optional.ofNullable(System.getProperty(BLOCK_IN))
                    .ifPresent(id -> effects.beforeEffect(id, () -> {
                        OUT.println(INSIDE + id);
                        blockForever();
                    }));
            try (Tidemark tidemark = Tidemark.builder()
                    .changeUnits(ShopChanges.ALL.toArray(Class<?>[]::new))
                    .dependency(ChangeEffects.class, effects)
                    .build()) {
                OUT.println(READY);
                awaitStartFile();
                exitCode = run(tidemark);
            }
        }
        System.exit(exitCode);
    }

    private static int run(Tidemark tidemark) {
        try {
            RunReport report = tidemark.run();
            OUT.println(ChildReport.line(report));
            return 0;
        } catch (ChangeFailedException e) {
            OUT.println(ChildReport.line(e.report()));
            return EXIT_FAILED_CHANGE;
        } catch (IssuesPendingException e) {
            OUT.println(ChildReport.line(e.report()));
            return EXIT_ISSUES;
        } catch (RuntimeException e) {
            OUT.println(ERROR + e.getClass().getSimpleName() + ": "
                    + String.valueOf(e.getMessage()).replace('\n', ' '));
            e.printStackTrace();
            return EXIT_OTHER_ERROR;
        }
    }

    private static Map<String, String> tidemarkProperties() {
        Map<String, String> properties = new TreeMap<>();
        System.getProperties().stringPropertyNames().stream()
                .filter(name -> name.startsWith("tidemark."))
                .forEach(name -> properties.put(name, System.getProperty(name)));
        return properties;
    }

    private static void awaitStartFile() throws InterruptedException {
        String file = System.getProperty(START_FILE);
        if (file == null) {
            return;
        }
        Path start = Path.of(file);
        while (!Files.exists(start)) {
            TimeUnit.MILLISECONDS.sleep(5);
        }
    }

    private static void blockForever() {
        while (true) {
            try {
                TimeUnit.HOURS.sleep(1);
            } catch (InterruptedException e) {
                // Keep blocking: only the parent's SIGKILL (or the lifetime halt) ends this process.
            }
        }
    }

    private static void haltAfter(long seconds) {
        Thread watchdog = new Thread(
                () -> {
                    try {
                        TimeUnit.SECONDS.sleep(seconds);
                        System.err.println("child lived longer than " + seconds + " s; halting");
                        Runtime.getRuntime().halt(99);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                },
                "lifetime-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
    }
}
