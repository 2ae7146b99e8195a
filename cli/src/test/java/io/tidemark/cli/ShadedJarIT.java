package io.tidemark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.adapter.mongodb.MongoAuditStore;
import io.tidemark.adapter.mongodb.testing.EmbeddedMongoServer;
import java.io.IOException;
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
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", JAR.toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("java -jar " + JAR + " did not finish within 60 s");
        }
        return new CliRun(process.exitValue(), new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
                new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    @Test
    void theAttachedJarIsTheExecutableOneAndTheMainJarStaysPlain() throws IOException {
        assertThat(JAR.getFileName().toString()).endsWith("-all.jar");
        try (JarFile all = new JarFile(JAR.toFile()); JarFile plain = new JarFile(PLAIN_JAR.toFile())) {
            assertThat(all.getManifest().getMainAttributes().getValue("Main-Class")).isEqualTo(TidemarkCli.class.getName());
            assertThat(all.getEntry("picocli/CommandLine.class")).isNotNull();
            assertThat(plain.getEntry("io/tidemark/cli/TidemarkCli.class")).isNotNull();
            assertThat(plain.stream().map(e -> e.getName()).filter(n -> n.endsWith(".class")))
                    .allSatisfy(name -> assertThat(name).startsWith("io/tidemark/cli/"));
        }
    }

    @Test
    void theBomManagesTheAttachedJar() throws Exception {
        NodeList dependencies = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(BOM.toFile())
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
            Files.writeString(config, "tidemark.store=mongodb\ntidemark.mongodb.uri=" + mongo.connectionString()
                    + "\ntidemark.mongodb.database=jar\n");

            CliRun beforeSetUp = java("doctor", "--config", config.toString());
            List<String> createdByDoctor = mongo.client().getDatabase("jar").listCollectionNames().into(new ArrayList<>());
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
    void theJarPrintsItsVersion() throws Exception {
        assertThat(java("--version").out()).startsWith("tidemark 0.1.0");
    }
}
