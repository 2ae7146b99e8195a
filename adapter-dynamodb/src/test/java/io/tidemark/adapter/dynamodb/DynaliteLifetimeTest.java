package io.tidemark.adapter.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.adapter.dynamodb.testing.DynaliteServer;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * No dynalite outlives the JVM that started it, however that JVM ends. A child JVM (this test's
 * class path) starts {@link DynaliteServer}, prints the pid of the Node.js process and then either
 * waits to be killed or exits without closing the server; the test then polls, for a bounded time,
 * until that process is gone.
 */
class DynaliteLifetimeTest {

    private static final Duration CHILD_START = Duration.ofSeconds(60);
    /** How long the server may take to notice that its JVM is gone and stop. */
    private static final Duration SERVER_GONE_WITHIN = Duration.ofSeconds(15);

    private static final String PID_LINE = "dynalite pid ";

    @TempDir
    Path logs;

    @Test
    void aServerStartedByAJvmKilledWithSigkillStopsByItself() throws Exception {
        Process child = startChild("wait-to-be-killed");
        try {
            long pid = serverOf(child);
            ProcessHandle server = ProcessHandle.of(pid)
                    .orElseThrow(() -> new AssertionError("dynalite (pid " + pid + ") is not running"));
            assertThat(server.isAlive()).isTrue();

            child.destroyForcibly();
            assertThat(child.waitFor(30, TimeUnit.SECONDS))
                    .as("the child JVM ended")
                    .isTrue();

            assertThat(awaitGone(server))
                    .as("dynalite (pid %d) still runs %s after its JVM was killed", server.pid(), SERVER_GONE_WITHIN)
                    .isTrue();
        } finally {
            child.destroyForcibly();
        }
    }

    @Test
    void aServerLeftOpenByAJvmThatExitsIsStoppedByTheShutdownHook() throws Exception {
        Process child = startChild("exit-without-closing");
        try {
            long pid = serverOf(child);
            // The child exits right after announcing the pid, so its hook may have stopped dynalite already.
            Optional<ProcessHandle> server = ProcessHandle.of(pid);

            assertThat(child.waitFor(30, TimeUnit.SECONDS))
                    .as("the child JVM ended")
                    .isTrue();
            assertThat(child.exitValue()).isZero();

            assertThat(server.isEmpty() || awaitGone(server.get()))
                    .as("dynalite (pid %d) still runs %s after its JVM exited", pid, SERVER_GONE_WITHIN)
                    .isTrue();
        } finally {
            child.destroyForcibly();
        }
    }

    private Process startChild(String mode) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        File errors = logs.resolve(mode + ".log").toFile();
        return new ProcessBuilder(List.of(
                        java,
                        "-Xmx64m",
                        "-XX:TieredStopAtLevel=1",
                        "-XX:+UseSerialGC",
                        "-cp",
                        System.getProperty("java.class.path"),
                        DynaliteChild.class.getName(),
                        mode))
                .redirectError(errors)
                .start();
    }

    /** The pid of the Node.js process the child announces on its standard output. */
    private long serverOf(Process child) throws Exception {
        CompletableFuture<Optional<String>> line = CompletableFuture.supplyAsync(() -> firstPidLine(child));
        Optional<String> announced;
        try {
            announced = line.get(CHILD_START.toSeconds(), TimeUnit.SECONDS);
        } catch (TimeoutException | ExecutionException e) {
            child.destroyForcibly();
            throw new AssertionError("The child JVM did not announce dynalite's pid: " + childErrors(), e);
        }
        return Long.parseLong(announced
                .orElseThrow(() ->
                        new AssertionError("The child JVM ended without announcing dynalite's pid: " + childErrors()))
                .substring(PID_LINE.length()));
    }

    private static Optional<String> firstPidLine(Process child) {
        BufferedReader output =
                new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        try {
            String line;
            while ((line = output.readLine()) != null) {
                if (line.startsWith(PID_LINE)) {
                    return Optional.of(line);
                }
            }
            return Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private String childErrors() {
        try (var files = Files.list(logs)) {
            StringBuilder text = new StringBuilder();
            for (Path file : files.toList()) {
                text.append('\n').append(Files.readString(file));
            }
            return text.toString();
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    /**
     * Polls until {@code server} has ended, at most {@link #SERVER_GONE_WITHIN}. A process that
     * has ended but that nobody reaped yet (a zombie, once its parent is gone) counts as ended: it
     * holds no port and no memory.
     */
    private static boolean awaitGone(ProcessHandle server) throws InterruptedException {
        long deadline = System.nanoTime() + SERVER_GONE_WITHIN.toNanos();
        while (System.nanoTime() < deadline) {
            if (!server.isAlive() || isZombie(server.pid())) {
                return true;
            }
            Thread.sleep(50);
        }
        return !server.isAlive() || isZombie(server.pid());
    }

    private static boolean isZombie(long pid) {
        Path stat = Path.of("/proc", Long.toString(pid), "stat");
        try {
            String text = Files.readString(stat);
            int afterName = text.lastIndexOf(')');
            return afterName > 0 && text.length() > afterName + 2 && text.charAt(afterName + 2) == 'Z';
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** The child JVM's main: starts dynalite, prints its pid, then does as its argument says. */
    public static final class DynaliteChild {

        private DynaliteChild() {}

        public static void main(String[] args) throws InterruptedException {
            DynaliteServer server = DynaliteServer.start();
            System.out.println(PID_LINE + server.pid());
            System.out.flush();
            if (args.length > 0 && args[0].equals("exit-without-closing")) {
                System.exit(0);
            }
            // Waits to be killed; a safety net ends it should the test itself die first.
            Thread.sleep(Duration.ofMinutes(2).toMillis());
            Runtime.getRuntime().halt(3);
        }
    }
}
