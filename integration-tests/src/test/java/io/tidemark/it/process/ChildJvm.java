package io.tidemark.it.process;

import io.tidemark.adapter.dynamodb.testing.DynaliteServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * A separate JVM running a main class from this test class path, with system properties, bounded in
 * memory and start-up cost; its standard output is collected line by line and its standard error
 * goes to a log file under {@code target/child-jvms}.
 *
 * <p>Always use it in try-with-resources: {@link #close()} kills the process (SIGKILL) if it still
 * runs and waits for it to go. At most {@value #MAX_LIVE} children may be alive at once in this JVM;
 * starting another fails, so a test that forgets to close its children fails instead of piling up
 * processes. The class path is the one this JVM runs tests with (Surefire sets
 * {@code java.class.path} to the test class path).
 */
public final class ChildJvm implements AutoCloseable {

    /** Most children alive at once. */
    public static final int MAX_LIVE = 6;

    private static final AtomicInteger LIVE = new AtomicInteger();
    private static final Path LOG_DIRECTORY = Path.of("target", "child-jvms");
    private static final List<String> JVM_OPTIONS = List.of(
            "-Xmx192m",
            "-Xss512k",
            "-XX:TieredStopAtLevel=1",
            "-XX:+UseSerialGC",
            "-Dorg.slf4j.simpleLogger.defaultLogLevel=info",
            "-Dorg.slf4j.simpleLogger.showDateTime=true");

    private final String name;
    private final Process process;
    private final Path log;
    private final List<String> lines = new ArrayList<>();
    private boolean released;
    private boolean endOfOutput;

    private ChildJvm(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
        Thread reader = new Thread(this::collectOutput, "child-" + name + "-stdout");
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * Starts {@code mainClass} in a new JVM with {@code systemProperties}.
     *
     * @param name a short name for messages and the log file
     */
    public static ChildJvm start(String name, Class<?> mainClass, Map<String, String> systemProperties) {
        return start(name, mainClass, systemProperties, List.of());
    }

    /** As {@link #start(String, Class, Map)}, passing {@code arguments} to the main method. */
    public static ChildJvm start(
            String name, Class<?> mainClass, Map<String, String> systemProperties, List<String> arguments) {
        return start(name, mainClass, systemProperties, arguments, Map.of());
    }

    /**
     * As {@link #start(String, Class, Map, List)}, with {@code environment} added to the child's
     * environment. Variables starting with {@code TIDEMARK_} inherited from this JVM are removed,
     * so that only what a test passes configures the child; {@code TIDEMARK_NODE}, which says where
     * Node.js is for a child that starts dynalite, is kept.
     */
    public static ChildJvm start(
            String name,
            Class<?> mainClass,
            Map<String, String> systemProperties,
            List<String> arguments,
            Map<String, String> environment) {
        if (LIVE.incrementAndGet() > MAX_LIVE) {
            LIVE.decrementAndGet();
            throw new IllegalStateException("more than " + MAX_LIVE + " child JVMs alive: close the ones you started");
        }
        try {
            Files.createDirectories(LOG_DIRECTORY);
            Path log = LOG_DIRECTORY.resolve(name + "-" + System.nanoTime() + ".log");
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(JVM_OPTIONS);
            systemProperties.forEach((key, value) -> command.add("-D" + key + "=" + value));
            command.add("-cp");
            command.add(System.getProperty("java.class.path"));
            command.add(mainClass.getName());
            command.addAll(arguments);
            ProcessBuilder builder = new ProcessBuilder(command).redirectError(log.toFile());
            builder.environment()
                    .keySet()
                    .removeIf(variable ->
                            variable.startsWith("TIDEMARK_") && !variable.equals(DynaliteServer.NODE_VARIABLE));
            builder.environment().putAll(environment);
            Process process = builder.start();
            return new ChildJvm(name, process, log);
        } catch (IOException e) {
            LIVE.decrementAndGet();
            throw new UncheckedIOException("could not start child JVM " + name, e);
        }
    }

    private void collectOutput() {
        try (BufferedReader reader =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                synchronized (this) {
                    lines.add(line);
                    notifyAll();
                }
            }
        } catch (IOException e) {
            // The process is gone.
        } finally {
            synchronized (this) {
                endOfOutput = true;
                notifyAll();
            }
        }
    }

    /** The process id. */
    public long pid() {
        return process.pid();
    }

    /** Every line printed so far. */
    public synchronized List<String> output() {
        return List.copyOf(lines);
    }

    /** The first line printed so far that matches {@code condition}. */
    public synchronized Optional<String> line(Predicate<String> condition) {
        return lines.stream().filter(condition).findFirst();
    }

    /**
     * Waits until the child prints a line matching {@code condition} and returns it.
     *
     * @throws AssertionError when it exits first or {@code timeout} passes, with what it printed
     */
    public synchronized String awaitLine(Predicate<String> condition, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Optional<String> found = lines.stream().filter(condition).findFirst();
            if (found.isPresent()) {
                return found.get();
            }
            long left = deadline - System.nanoTime();
            if (left <= 0 || endOfOutput) {
                throw new AssertionError("child " + name
                        + (endOfOutput
                                ? " ended its output without printing " + "the expected line"
                                : " printed no expected line within " + timeout)
                        + describe());
            }
            TimeUnit.NANOSECONDS.timedWait(this, Math.min(left, TimeUnit.MILLISECONDS.toNanos(200)));
        }
    }

    /**
     * Waits for the child to exit and returns its exit code.
     *
     * @throws AssertionError when it still runs after {@code timeout} (it is then killed)
     */
    public int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            kill();
            throw new AssertionError("child " + name + " did not exit within " + timeout + "; killed" + describe());
        }
        return process.exitValue();
    }

    /** Kills the child with SIGKILL ({@link Process#destroyForcibly()} on Linux) and waits until it is gone. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new AssertionError("child " + name + " (pid " + pid() + ") survived SIGKILL for 30 s");
        }
        release();
    }

    /** Whether the process still runs. */
    public boolean isAlive() {
        return process.isAlive();
    }

    /** Standard output so far and the end of standard error, for failure messages. */
    public String describe() {
        String errors;
        try {
            List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            errors = String.join("\n", all.subList(Math.max(0, all.size() - 40), all.size()));
        } catch (IOException e) {
            errors = "(no log: " + e.getMessage() + ")";
        }
        return "\n--- stdout of " + name + " ---\n" + String.join("\n", output()) + "\n--- stderr (end) of " + name
                + ", " + log + " ---\n" + errors;
    }

    private synchronized void release() {
        if (!released) {
            released = true;
            LIVE.decrementAndGet();
        }
    }

    @Override
    public void close() {
        try {
            if (process.isAlive()) {
                process.destroyForcibly();
            }
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            release();
        }
    }

    @Override
    public String toString() {
        return "child JVM " + name + " (pid " + process.pid() + ")";
    }
}
