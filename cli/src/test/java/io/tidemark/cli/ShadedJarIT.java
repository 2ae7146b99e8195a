package io.tidemark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.adapter.mongodb.MongoAuditStore;
import io.tidemark.adapter.mongodb.testing.EmbeddedMongoServer;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The artifact operators download, {@code io.tidemark:tidemark-cli:<version>:jar:all}, run as
 * {@code java -jar} in its own JVM after packaging (Failsafe). Proves that the attached jar starts,
 * holds the three adapters with their merged service registrations, and works against a live store;
 * that the main artifact stays the plain jar; and that the BOM manages the attached one.
 */
class ShadedJarIT {

    private static final Path JAR = Path.of(System.getProperty("tidemark.cli.jar", "target/missing-all.jar"));
    private static final Path PLAIN_JAR = Path.of(System.getProperty("tidemark.cli.plain-jar", "target/missing.jar"));
    private static final Path BOM = Path.of(System.getProperty("tidemark.bom", "../bom/pom.xml"));

    private static CliRun java(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(
                List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", JAR.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        // Only what a test passes configures the jar: a TIDEMARK_* variable of this machine would be a key
        // the command line refuses, or would choose another store.
        builder.environment().keySet().removeIf(variable -> variable.startsWith("TIDEMARK_"));
        Process process = builder.start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("java -jar " + JAR + " did not finish within 60 s");
        }
        return new CliRun(
                process.exitValue(),
                new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
                new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    @Test
    void theAttachedJarIsTheExecutableOneAndTheMainJarStaysPlain() throws IOException {
        assertThat(JAR.getFileName().toString()).endsWith("-all.jar");
        try (JarFile all = new JarFile(JAR.toFile());
                JarFile plain = new JarFile(PLAIN_JAR.toFile())) {
            assertThat(all.getManifest().getMainAttributes().getValue("Main-Class"))
                    .isEqualTo(TidemarkCli.class.getName());
            assertThat(all.getEntry("picocli/CommandLine.class")).isNotNull();
            assertThat(plain.getEntry("io/tidemark/cli/TidemarkCli.class")).isNotNull();
            assertThat(plain.stream().map(e -> e.getName()).filter(n -> n.endsWith(".class")))
                    .allSatisfy(name -> assertThat(name).startsWith("io/tidemark/cli/"));
        }
    }

    @Test
    void theBomManagesTheAttachedJar() throws Exception {
        NodeList dependencies = DocumentBuilderFactory.newInstance()
                .newDocumentBuilder()
                .parse(BOM.toFile())
                .getElementsByTagName("dependency");
        List<String> managed = new ArrayList<>();
        for (int i = 0; i < dependencies.getLength(); i++) {
            Element dependency = (Element) dependencies.item(i);
            managed.add(text(dependency, "artifactId") + ":" + text(dependency, "classifier") + ":"
                    + text(dependency, "version"));
        }

        assertThat(managed).contains("tidemark-cli::${project.version}", "tidemark-cli:all:${project.version}");
    }

    private static String text(Element parent, String tag) {
        NodeList nodes = parent.getElementsByTagName(tag);
        return nodes.getLength() == 0 ? "" : nodes.item(0).getTextContent().trim();
    }

    @Test
    void theJarHoldsTheThreeAdapters() throws Exception {
        CliRun run = java("status");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(run.err()).contains("(couchbase, dynamodb, mongodb)");
    }

    @Test
    void theJarWorksAgainstALiveStoreAndCreatesNothingWhereItOnlyReads() throws Exception {
        try (EmbeddedMongoServer mongo = EmbeddedMongoServer.start()) {
            Path config = Files.createTempFile("tidemark", ".properties");
            Files.writeString(
                    config,
                    "tidemark.store=mongodb\ntidemark.mongodb.uri=" + mongo.connectionString()
                            + "\ntidemark.mongodb.database=jar\n");

            CliRun beforeSetUp = java("doctor", "--config", config.toString());
            List<String> createdByDoctor =
                    mongo.client().getDatabase("jar").listCollectionNames().into(new ArrayList<>());
            MongoAuditStore.builder(mongo.client(), "jar").build().initialize();
            CliRun doctor = java("doctor", "--config", config.toString());
            CliRun verify = java("verify", "--json", "--config", config.toString());

            assertThat(beforeSetUp.exitCode()).as(beforeSetUp.toString()).isEqualTo(ExitCodes.FOUND_PROBLEMS);
            assertThat(beforeSetUp.out()).contains("PROBLEM", "tidemarkAudit");
            assertThat(createdByDoctor).isEmpty();
            assertThat(doctor.exitCode()).as(doctor.toString()).isZero();
            assertThat(doctor.out()).contains("MongoDB", "read chain 'default'", "empty chain");
            assertThat(verify.exitCode()).as(verify.toString()).isZero();
            assertThat(verify.out()).contains("\"intact\" : true");
        }
    }

    @Test
    void theJarLogsThroughSlf4jSimpleWhichTheCommandLineConfigures() throws IOException {
        try (JarFile all = new JarFile(JAR.toFile())) {
            String providers = new String(
                    all.getInputStream(all.getEntry("META-INF/services/org.slf4j.spi.SLF4JServiceProvider"))
                            .readAllBytes(),
                    StandardCharsets.UTF_8);

            assertThat(providers.lines().map(String::strip).filter(line -> !line.isEmpty() && !line.startsWith("#")))
                    .containsExactly("org.slf4j.simple.SimpleServiceProvider");
        }
    }

    @Test
    void anUnreachableCouchbaseGivesTidemarksMessageAloneAndTheSdksLinesOnlyWithVerbose() throws Exception {
        Path config = Files.createTempFile("tidemark", ".properties");
        String nowhere = "couchbase://127.0.0.1:" + closedPort() + "=kv,127.0.0.1:" + closedPort() + "=manager";
        Files.writeString(
                config,
                "tidemark.store=couchbase\ntidemark.couchbase.connection-string=" + nowhere
                        + "\ntidemark.couchbase.username=ops\ntidemark.couchbase.password=secret\n"
                        + "tidemark.couchbase.bucket=audit\ntidemark.couchbase.connect-timeout=2s\n");

        CliRun quiet = java("status", "--config", config.toString());
        CliRun verbose = java("status", "--config", config.toString(), "--verbose");

        assertThat(quiet.exitCode()).as(quiet.toString()).isEqualTo(ExitCodes.STORE_UNAVAILABLE);
        assertThat(nonBlankLines(quiet.err()))
                .as(quiet.toString())
                .singleElement()
                .asString()
                .startsWith("tidemark: Couchbase at " + nowhere + " was not ready within 2 s");
        assertThat(verbose.exitCode()).as(verbose.toString()).isEqualTo(ExitCodes.STORE_UNAVAILABLE);
        assertThat(verbose.err()).contains("INFO Connecting to Couchbase at " + nowhere, "[com.couchbase.core]");
        assertThat(nonBlankLines(verbose.err())).last().asString().startsWith("tidemark: Couchbase at " + nowhere);
    }

    @Test
    void anUnreachableMongoDbGivesTidemarksMessageAloneAndTheDriversLinesOnlyWithVerbose() throws Exception {
        Path config = Files.createTempFile("tidemark", ".properties");
        String uri = "mongodb://127.0.0.1:" + closedPort() + "/app";
        Files.writeString(
                config,
                "tidemark.store=mongodb\ntidemark.mongodb.uri=" + uri + "\ntidemark.mongodb.connect-timeout=1s\n");

        CliRun quiet = java("status", "--config", config.toString());
        CliRun verbose = java("status", "--config", config.toString(), "--verbose");

        assertThat(quiet.exitCode()).as(quiet.toString()).isEqualTo(ExitCodes.STORE_UNAVAILABLE);
        assertThat(nonBlankLines(quiet.err()))
                .as(quiet.toString())
                .singleElement()
                .asString()
                .startsWith("tidemark: MongoDB [127.0.0.1:")
                .contains("answered within 1s");
        assertThat(verbose.exitCode()).as(verbose.toString()).isEqualTo(ExitCodes.STORE_UNAVAILABLE);
        assertThat(verbose.err())
                .contains("INFO Connecting to MongoDB", "Exception in monitor thread while connecting");
        assertThat(nonBlankLines(verbose.err())).last().asString().startsWith("tidemark: MongoDB [127.0.0.1:");
    }

    @Test
    void aMistypedKeyStopsTheJarWithTheNearestKey() throws Exception {
        Path config = Files.createTempFile("tidemark", ".properties");
        Files.writeString(config, "tidemark.store=dynamodb\ntidemark.dynamodb.endpont=http://localhost:8000\n");

        CliRun run = java("status", "--config", config.toString());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(run.err()).contains("tidemark.dynamodb.endpont", "did you mean tidemark.dynamodb.endpoint?");
    }

    private static List<String> nonBlankLines(String text) {
        return text.lines().filter(line -> !line.isBlank()).toList();
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Test
    void theJarPrintsItsVersion() throws Exception {
        assertThat(java("--version").out()).startsWith("tidemark 0.1.0");
    }
}
