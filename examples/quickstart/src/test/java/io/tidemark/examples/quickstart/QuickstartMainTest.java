package io.tidemark.examples.quickstart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.tidemark.adapter.dynamodb.DynamoDbAuditStoreProvider;
import io.tidemark.core.ConfigSource;
import io.tidemark.core.TidemarkConfig;
import io.tidemark.core.error.ConfigurationException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command-line entry: forwarded Maven properties, the one-line failure messages, the outcome file. */
class QuickstartMainTest {

    private static final InputStream NO_INPUT = new ByteArrayInputStream(new byte[0]);

    private final Printed out = new Printed();
    private final Printed err = new Printed();

    private int run(Map<String, String> configuration) {
        return QuickstartMain.run(
                List.of(ConfigSource.of("Maven property", configuration)), out.stream(), err.stream(), NO_INPUT);
    }

    @Test
    void readsTheMavenPropertiesFileAsAntsEchopropertiesWritesIt(@TempDir Path directory) throws IOException {
        Path file = directory.resolve("maven-properties.properties");
        Files.writeString(
                file,
                "#Ant properties\n#Mon Nov 30 13:28:04 UTC 2026\n"
                        + "quickstart.backend=mongodb\n"
                        + "tidemark.chain=other\n"
                        + "tidemark.mongodb.uri=mongodb\\://app\\:p%40ss@db\\:27017/shop?w\\=majority\n",
                StandardCharsets.ISO_8859_1);

        TidemarkConfig config = TidemarkConfig.of(QuickstartMain.mavenProperties(file));

        assertThat(config.get("tidemark.chain")).contains("other");
        assertThat(config.get("tidemark.mongodb.uri")).contains("mongodb://app:p%40ss@db:27017/shop?w=majority");
        assertThat(config.get("quickstart.backend")).contains("mongodb");
        assertThat(config.whereToSet("tidemark.chain")).isEqualTo("Maven property tidemark.chain");
    }

    @Test
    void forwardedPropertiesTakeEffect(@TempDir Path directory) throws IOException {
        Path file = directory.resolve("maven-properties.properties");
        Files.writeString(file, "tidemark.chain=other\ntidemark.mongodb.database=x\n", StandardCharsets.ISO_8859_1);

        int status =
                QuickstartMain.run(List.of(QuickstartMain.mavenProperties(file)), out.stream(), err.stream(), NO_INPUT);

        assertThat(status).isZero();
        assertThat(out.text()).contains("on chain 'other'", "database 'x'");
        assertThat(err.text()).isEmpty();
    }

    @Test
    void aMissingMavenPropertiesFileIsNamed(@TempDir Path directory) {
        assertThatThrownBy(() -> QuickstartMain.mavenProperties(directory.resolve("absent.properties")))
                .isInstanceOf(QuickstartException.class)
                .hasMessageContaining("absent.properties")
                .hasMessageContaining("does not exist");
    }

    @Test
    void anUnknownStoreEndsWithTidemarksOneLineMessage() {
        int status = run(Map.of("tidemark.store", "nosuch"));

        assertThat(status).isEqualTo(1);
        assertThat(err.text().strip())
                .startsWith("Tidemark stopped: tidemark.store = 'nosuch' names no known audit store")
                .doesNotContain("\n")
                .doesNotContain("Exception");
    }

    @Test
    void aMalformedMongoDbUriEndsWithTidemarksOneLineMessageWithoutThePassword() {
        int status = run(Map.of("tidemark.mongodb.uri", "mongo://app:s3cret@db:27017"));

        assertThat(status).isEqualTo(1);
        assertThat(err.text().strip())
                .startsWith("Tidemark stopped: Invalid configuration tidemark.mongodb.uri = "
                        + "'mongo://app:****@db:27017'")
                .contains("Expected mongodb://")
                .doesNotContain("s3cret")
                .doesNotContain("\n");
        assertThat(out.text()).doesNotContain("== Start #1");
    }

    /**
     * Issue 13, items 2 and 3: the quickstart's malformed endpoint gets the DynamoDB adapter's own message
     * (the one the library and the command line give), in one line, with what leaving it out means here.
     */
    @Test
    void anEndpointWithoutSchemeEndsWithTheAdaptersClearMessage() {
        String adapters = catchThrowableOfType(
                        ConfigurationException.class, () -> DynamoDbAuditStoreProvider.endpoint("localhost:8000"))
                .getMessage();

        int status = run(Map.of("quickstart.backend", "dynamodb", "tidemark.dynamodb.endpoint", "localhost:8000"));

        assertThat(status).isEqualTo(1);
        assertThat(adapters)
                .startsWith("Invalid configuration tidemark.dynamodb.endpoint = 'localhost:8000': expected an "
                        + "http or https URL with a host, such as http://localhost:8000");
        assertThat(err.text().strip())
                .isEqualTo("Tidemark stopped: " + adapters + " " + QuickstartSettings.WITHOUT_ENDPOINT)
                .doesNotContain("URISyntaxException", "\tat ");
    }

    @Test
    void aBadQuickstartOptionEndsWithTheQuickstartsOneLineMessage() {
        int status = run(Map.of("quickstart.backend", "cassandra"));

        assertThat(status).isEqualTo(1);
        assertThat(err.text().strip())
                .startsWith("Quickstart stopped: Invalid configuration quickstart.backend = " + "'cassandra'")
                .doesNotContain("\n");
    }

    @Test
    void serveModeWritesTheCommandLinesConfigurationUntilEnterAndThenDeletesIt(@TempDir Path data) {
        int status = QuickstartMain.run(
                List.of(ConfigSource.of(
                        "test", Map.of("quickstart.serve", "true", "quickstart.data-dir", data.toString()))),
                out.stream(),
                err.stream(),
                new ByteArrayInputStream("\n".getBytes(StandardCharsets.UTF_8)));

        Path written = data.resolve(ServeMode.CLI_CONFIG_FILE).toAbsolutePath();
        assertThat(status).isZero();
        assertThat(out.text())
                .contains(
                        "Its configuration, written to " + written,
                        "tidemark.store=mongodb",
                        "tidemark.mongodb.uri=mongodb://127.0.0.1:",
                        "tidemark.chain=default",
                        "java -jar cli/target/tidemark-cli.jar status --config " + written,
                        "Press Enter");
        assertThat(written).doesNotExist();
    }

    @Test
    void theOutcomeFileHoldsTheExitStatusForTheMavenProfile(@TempDir Path directory) throws IOException {
        Path file = directory.resolve("outcome.properties");

        QuickstartMain.writeOutcome(file, 1);

        Properties outcome = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.ISO_8859_1)) {
            outcome.load(reader);
        }
        assertThat(outcome).containsEntry("status", "1");
    }
}
