package io.tidemark.adapter.dynamodb.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;
import software.amazon.awssdk.services.dynamodb.waiters.DynamoDbWaiter;

/**
 * dynalite, an independent DynamoDB implementation (npm {@code dynalite@4.0.0}, Apache-2.0), run
 * by Node.js as a child process on a free loopback port: the DynamoDB every test of this project
 * runs against when no Docker engine is at hand. It is a real HTTP endpoint that clients reach with
 * a region and placeholder credentials, as they would reach AWS.
 *
 * <p>The one way to start it, shared by every module with DynamoDB tests (adapter, command line,
 * integration tests, benchmarks, quickstart):
 *
 * <ol>
 *   <li>find Node.js ({@code node} on the {@code PATH}, or the {@code TIDEMARK_NODE} environment
 *       variable) and the installed package (the folder {@code adapter-dynamodb/dynalite}, where the
 *       Maven build runs {@code npm ci}; or the folder named by the system property
 *       {@value #HOME_PROPERTY});</li>
 *   <li>start {@code node serve.js --port 0 --createTableMs 0 --deleteTableMs 0 --updateTableMs 0}
 *       (plus {@code --path DIR} to keep data on disk): tables are ACTIVE at once, so the SDK's
 *       waiters return on their first poll instead of after 20 s;</li>
 *   <li>read the port the operating system chose from its first line of output, then wait until a
 *       {@code ListTables} request is answered;</li>
 *   <li>stop it on {@link #close()}, and in a shutdown hook if the JVM ends first. The launcher
 *       script also exits by itself when its standard input (a pipe from this JVM) closes, which
 *       happens even when the JVM is killed with SIGKILL: no server outlives its JVM.</li>
 * </ol>
 *
 * <p>dynalite lacks {@code TransactWriteItems} and {@code UpdateTimeToLive}; tests that need them
 * run against moto or AWS instead (see the adapter's README).
 *
 * <p>Free of JUnit, so child JVMs and the benchmark harness can use it too.
 */
public final class DynaliteServer implements AutoCloseable {

    /** The region clients of the server use; dynalite accepts any. */
    public static final String REGION = "us-east-1";
    /** System property naming the folder that holds {@code serve.js} and dynalite's {@code node_modules}. */
    public static final String HOME_PROPERTY = "tidemark.dynalite.home";
    /** Environment variable naming the {@code node} executable, when it is not on the {@code PATH}. */
    public static final String NODE_VARIABLE = "TIDEMARK_NODE";

    private static final String HOME_IN_REPOSITORY = "adapter-dynamodb/dynalite";
    private static final Pattern LISTENING =
            Pattern.compile("dynalite listening on 127\\.0\\.0\\.1:(\\d+)(?: \\((.+)\\))?");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

    private static DynaliteServer shared;

    private final Process process;
    private final Thread shutdownHook;
    private final URI endpoint;
    private final String versions;
    private final Optional<Path> dataDirectory;
    private final DynamoDbClientFactory clients;
    private final DynamoDbClient client;

    private DynaliteServer(
            Process process, Thread shutdownHook, URI endpoint, String versions, Optional<Path> dataDirectory) {
        this.process = process;
        this.shutdownHook = shutdownHook;
        this.endpoint = endpoint;
        this.versions = versions;
        this.dataDirectory = dataDirectory;
        this.clients = new DynamoDbClientFactory(endpoint, REGION);
        this.client = clients.create();
    }

    /** Starts an empty server that keeps its data in memory; stop it with {@link #close()}. */
    public static DynaliteServer start() {
        return launch(Optional.empty());
    }

    /**
     * Starts a server that keeps its data in {@code dataDirectory} (created if missing), so that a
     * later server started on the same folder sees it again.
     */
    public static DynaliteServer start(Path dataDirectory) {
        try {
            Files.createDirectories(dataDirectory);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not create dynalite's data folder " + dataDirectory, e);
        }
        return launch(Optional.of(dataDirectory.toAbsolutePath()));
    }

    /**
     * One in-memory server for the whole JVM, started on first use and stopped when the JVM exits.
     * Tests that share it keep apart by table prefix.
     */
    public static synchronized DynaliteServer shared() {
        if (shared == null || !shared.process.isAlive()) {
            shared = start();
        }
        return shared;
    }

    private static DynaliteServer launch(Optional<Path> dataDirectory) {
        Path home = home();
        List<String> command = new ArrayList<>(List.of(
                node(),
                home.resolve("serve.js").toString(),
                "--port",
                "0",
                "--createTableMs",
                "0",
                "--deleteTableMs",
                "0",
                "--updateTableMs",
                "0"));
        dataDirectory.ifPresent(dir -> command.addAll(List.of("--path", dir.toString())));
        Process process;
        try {
            process = new ProcessBuilder(command)
                    .directory(home.toFile())
                    .redirectErrorStream(true)
                    .start();
        } catch (IOException e) {
            throw new IllegalStateException(nodeMissing(e.getMessage()), e);
        }
        Thread hook = new Thread(() -> destroyTree(process), "dynalite-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            Matcher listening = awaitListening(process);
            URI endpoint = URI.create("http://127.0.0.1:" + listening.group(1));
            String versions = listening.group(2) != null ? listening.group(2) : "dynalite, version not reported";
            DynaliteServer server = new DynaliteServer(process, hook, endpoint, versions, dataDirectory);
            server.awaitAnswer();
            return server;
        } catch (RuntimeException e) {
            destroyTree(process);
            removeHook(hook);
            throw e;
        }
    }

    /**
     * Reads the server's output until it says where it listens (port, then versions); keeps draining
     * it afterwards so it never blocks.
     */
    private static Matcher awaitListening(Process process) {
        BlockingQueue<String> firstLines = new ArrayBlockingQueue<>(64);
        Thread reader = new Thread(
                () -> {
                    try (BufferedReader lines = new BufferedReader(
                            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                        String line;
                        while ((line = lines.readLine()) != null) {
                            firstLines.offer(line);
                        }
                    } catch (IOException e) {
                        // The process ended; its exit is noticed by the caller.
                    }
                },
                "dynalite-output");
        reader.setDaemon(true);
        reader.start();
        StringBuilder seen = new StringBuilder();
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            String line;
            try {
                line = firstLines.poll(100, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while dynalite was starting", e);
            }
            if (line != null) {
                Matcher matcher = LISTENING.matcher(line);
                if (matcher.find()) {
                    return matcher;
                }
                seen.append(line).append('\n');
            } else if (!process.isAlive() && firstLines.isEmpty()) {
                throw new IllegalStateException("dynalite exited with status " + process.exitValue()
                        + " before listening. Its output:\n" + seen);
            }
        }
        throw new IllegalStateException(
                "dynalite did not start within " + START_TIMEOUT.toSeconds() + " s. Its output:\n" + seen);
    }

    /** Waits until the server answers a request, so that the first test does not race its start. */
    private void awaitAnswer() {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (true) {
            try {
                client.listTables(request -> request.limit(1));
                return;
            } catch (SdkClientException e) {
                if (System.nanoTime() > deadline || !process.isAlive()) {
                    throw new IllegalStateException("dynalite at " + endpoint + " does not answer", e);
                }
                Thread.onSpinWait();
            }
        }
    }

    /** The folder holding {@code serve.js} and dynalite's installed {@code node_modules}. */
    static Path home() {
        String configured = System.getProperty(HOME_PROPERTY);
        Path home = configured != null ? Path.of(configured) : findInRepository();
        if (!Files.isRegularFile(home.resolve("node_modules/dynalite/package.json"))) {
            throw new IllegalStateException("dynalite is not installed in " + home.toAbsolutePath() + ". The Maven "
                    + "build installs it there (npm ci in module adapter-dynamodb, skipped with -DskipTests); "
                    + "or run `npm ci` in that folder yourself. It needs Node.js 20 or newer.");
        }
        return home;
    }

    private static Path findInRepository() {
        Path start = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve(HOME_IN_REPOSITORY);
            if (Files.isRegularFile(candidate.resolve("serve.js"))) {
                return candidate;
            }
        }
        throw new IllegalStateException("Could not find " + HOME_IN_REPOSITORY + " above " + start + ": run the "
                + "tests inside Tidemark's repository, or set -D" + HOME_PROPERTY + " to that folder.");
    }

    private static String node() {
        String configured = System.getenv(NODE_VARIABLE);
        return configured != null && !configured.isBlank() ? configured : "node";
    }

    private static String nodeMissing(String detail) {
        return "Could not start Node.js (" + detail + "). The DynamoDB tests run dynalite, which needs Node.js 20 "
                + "or newer on the PATH (or its path in the environment variable " + NODE_VARIABLE
                + "): install it from https://nodejs.org or your system's packages.";
    }

    private static void destroyTree(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // The hook is running or about to: it stops the process.
        }
    }

    /** Where the server listens, e.g. {@code http://127.0.0.1:41234}. */
    public URI endpoint() {
        return endpoint;
    }

    /** What serves, as reported by the launcher: e.g. {@code dynalite 4.0.0, Node.js v20.20.2}. */
    public String versions() {
        return versions;
    }

    /** The folder the server keeps its data in, or empty when it keeps it in memory. */
    public Optional<Path> dataDirectory() {
        return dataDirectory;
    }

    /** A shared client of the server; closed by {@link #close()}. */
    public DynamoDbClient client() {
        return client;
    }

    /** Builds further clients of the server (the caller closes them). */
    /**
     * Waits until {@code table} has left CREATING and returns its status. With {@code --createTableMs 0}
     * dynalite flips a new table to ACTIVE just after answering the create, so a request sent at once
     * can still find it missing ("Requested resource not found"); every test that creates a table itself
     * and then uses it calls this first. Polls every 20 ms, for at most 10 s.
     *
     * @param table the table's name
     * @return its status, normally {@link TableStatus#ACTIVE}
     */
    public TableStatus awaitActive(String table) {
        try (DynamoDbWaiter waiter = DynamoDbWaiter.builder()
                .client(client())
                .overrideConfiguration(o -> o.backoffStrategyV2(BackoffStrategy.fixedDelay(Duration.ofMillis(20)))
                        .waitTimeout(Duration.ofSeconds(10)))
                .build()) {
            return waiter.waitUntilTableExists(d -> d.tableName(table))
                    .matched()
                    .response()
                    .orElseThrow()
                    .table()
                    .tableStatus();
        }
    }

    public DynamoDbClientFactory clients() {
        return clients;
    }

    /** The operating-system process id of the server, for tests that check it is gone. */
    public long pid() {
        return process.pid();
    }

    /** Tidemark configuration keys that point the {@code dynamodb} provider at this server. */
    public Map<String, String> configuration() {
        return Map.of(
                "tidemark.store",
                "dynamodb",
                "tidemark.dynamodb.endpoint",
                endpoint.toString(),
                "tidemark.dynamodb.region",
                REGION);
    }

    /** Closes the shared client and stops the server and any process it started. */
    @Override
    public void close() {
        client.close();
        destroyTree(process);
        removeHook(shutdownHook);
    }

    /** A port nothing listens on right now, for tests of unreachable endpoints. */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String toString() {
        return versions + " at " + endpoint
                + dataDirectory.map(dir -> ", data in " + dir).orElse(", in memory");
    }
}
