package io.tidemark.examples.springboot;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The example's fat jar started with {@code java -jar} in a process of its own, on a port the operating
 * system chooses (read from its log), against the MongoDB server the test names. Stopped by
 * {@link #close()}, and destroyed by a shutdown hook should the test JVM end first.
 */
final class RunningShop implements AutoCloseable {

    private static final Pattern PORT = Pattern.compile("Tomcat started on port (\\d+)");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final Process process;
    private final Path log;
    private final Thread hook;

    private RunningShop(Process process, Path log) {
        this.process = process;
        this.log = log;
        this.hook = new Thread(process::destroyForcibly);
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** Starts the jar with {@code arguments} added to its command line; returns at once (see {@link #awaitPort()}). */
    static RunningShop start(String name, String mongoUri, String... arguments) {
        Path jar = Path.of(System.getProperty("example.jar"));
        Path logs = Path.of(System.getProperty("example.logs", "target/e2e-logs"));
        try {
            Files.createDirectories(logs);
            Path log = logs.resolve(name + "-" + System.nanoTime() + ".log");
            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx256m",
                    "-XX:TieredStopAtLevel=1",
                    "-jar",
                    jar.toString(),
                    "--server.port=0",
                    "--example.mongodb.uri=" + mongoUri,
                    "--tidemark.instance-id=" + name));
            command.addAll(List.of(arguments));
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            return new RunningShop(process, log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The HTTP port, once the application logged it; fails when the process ended or took too long. */
    int awaitPort() {
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            Optional<Integer> port = port();
            if (port.isPresent()) {
                return port.get();
            }
            if (!process.isAlive()) {
                throw new AssertionError(
                        "The application ended (exit " + process.exitValue() + ") before it started:\n" + log());
            }
            try {
                process.waitFor(200, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("The application did not start within " + START_TIMEOUT + ":\n" + log());
    }

    /**
     * Waits until {@code /actuator/health} answers 200 (UP): the application reports ready only after
     * Tidemark ran, so this also waits for the run. Fails when the process ended or took too long.
     */
    RunningShop awaitReady() {
        int port = awaitPort();
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new AssertionError("The application ended (exit " + process.exitValue() + "):\n" + log());
            }
            try {
                HttpResponse<String> health = HTTP.send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health"))
                                .timeout(Duration.ofSeconds(10))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                if (health.statusCode() == 200) {
                    return this;
                }
                process.waitFor(200, TimeUnit.MILLISECONDS);
            } catch (IOException e) {
                // not answering yet: try again until the deadline
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("The application did not report ready within " + START_TIMEOUT + ":\n" + log());
    }

    private Optional<Integer> port() {
        Matcher matcher = PORT.matcher(log());
        return matcher.find() ? Optional.of(Integer.parseInt(matcher.group(1))) : Optional.empty();
    }

    /** {@code GET path} on the application: status and body. */
    HttpResponse<String> get(String path) {
        try {
            return HTTP.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + awaitPort() + path))
                            .timeout(Duration.ofSeconds(30))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Everything the application logged so far. */
    String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stops the application as a platform would (SIGTERM, graceful), then waits for it to end. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            Runtime.getRuntime().removeShutdownHook(hook);
        }
    }
}
