package io.tidemark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.adapter.mongodb.testing.EmbeddedMongoServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The artifact operators run: {@code java -jar tidemark-cli.jar} in its own JVM, after packaging
 * (Failsafe). Proves that the shaded jar starts, holds the three adapters with their merged
 * service registrations, and works against a live store.
 */
class ShadedJarIT {

    private static final Path JAR = Path.of("target", "tidemark-cli.jar");

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
    void theJarHoldsTheThreeAdapters() throws Exception {
        CliRun run = java("status");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(run.err()).contains("(couchbase, dynamodb, mongodb)");
    }

    @Test
    void theJarWorksAgainstALiveStore() throws Exception {
        try (EmbeddedMongoServer mongo = EmbeddedMongoServer.start()) {
            Path config = Files.createTempFile("tidemark", ".properties");
            Files.writeString(config, "tidemark.store=mongodb\ntidemark.mongodb.uri=" + mongo.connectionString()
                    + "\ntidemark.mongodb.database=jar\n");

            CliRun doctor = java("doctor", "--config", config.toString());
            CliRun verify = java("verify", "--json", "--config", config.toString());

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
