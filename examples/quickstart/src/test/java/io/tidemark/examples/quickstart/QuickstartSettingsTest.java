package io.tidemark.examples.quickstart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tidemark.core.ConfigSource;
import io.tidemark.core.TidemarkConfig;
import io.tidemark.core.error.ConfigurationException;
import io.tidemark.examples.quickstart.QuickstartSettings.Backend;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class QuickstartSettingsTest {

    private static QuickstartSettings from(Map<String, String> values) {
        return QuickstartSettings.from(TidemarkConfig.of(ConfigSource.of("test", values)));
    }

    @Test
    void byDefaultMongoDbInMemoryWithTheStoreBuiltInCode() {
        QuickstartSettings settings = from(Map.of());

        assertThat(settings).isEqualTo(QuickstartSettings.inMemory());
        assertThat(settings.startsServer()).isTrue();
    }

    @Test
    void readsEveryKey() {
        QuickstartSettings settings = from(Map.of(
                "quickstart.backend",
                "DynamoDB",
                "quickstart.data-dir",
                "target/x",
                "quickstart.serve",
                "true",
                "tidemark.store",
                "MongoDB",
                "tidemark.dynamodb.endpoint",
                "http://localhost:8000",
                "tidemark.dynamodb.region",
                "eu-west-1"));

        assertThat(settings)
                .isEqualTo(new QuickstartSettings(
                        Backend.DYNAMODB,
                        Optional.empty(),
                        Optional.of(URI.create("http://localhost:8000")),
                        "eu-west-1",
                        Optional.of("mongodb"),
                        Optional.of(Path.of("target/x")),
                        true));
        assertThat(settings.startsServer()).isFalse();
    }

    @Test
    void dataDirMemoryKeepsNothing() {
        assertThat(from(Map.of("quickstart.data-dir", "memory")).dataDir()).isEmpty();
    }

    @Test
    void eachBackendReadsOnlyItsOwnAddress() {
        Map<String, String> both =
                Map.of("tidemark.mongodb.uri", "mongodb://db:27017", "tidemark.dynamodb.endpoint", "http://db:8000");

        assertThat(from(both).mongoUri()).contains("mongodb://db:27017");
        assertThat(from(both).endpoint()).isEmpty();
        QuickstartSettings dynamo = from(Map.of(
                "quickstart.backend",
                "dynamodb",
                "tidemark.mongodb.uri",
                "mongodb://db:27017",
                "tidemark.dynamodb.endpoint",
                "http://db:8000"));
        assertThat(dynamo.mongoUri()).isEmpty();
        assertThat(dynamo.endpoint()).contains(URI.create("http://db:8000"));
    }

    @Test
    void anEndpointWithoutSchemeIsRejectedWithTheFormExpected() {
        assertThatThrownBy(() ->
                        from(Map.of("quickstart.backend", "dynamodb", "tidemark.dynamodb.endpoint", "localhost:8000")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith(
                        "Invalid configuration tidemark.dynamodb.endpoint = 'localhost:8000': expected an "
                                + "http or https URL with a host, such as http://localhost:8000")
                .hasMessageEndingWith(
                        "(this value has no http:// or https:// in front). " + QuickstartSettings.WITHOUT_ENDPOINT);
    }

    @Test
    void anUnknownBackendNamesTheKeyAndTheChoices() {
        assertThatThrownBy(() -> from(Map.of("quickstart.backend", "cassandra")))
                .isInstanceOf(QuickstartException.class)
                .hasMessageContaining("quickstart.backend = 'cassandra'")
                .hasMessageContaining("[mongodb, dynamodb]");
    }

    @Test
    void aMalformedServeFlagIsTheQuickstartsError() {
        assertThatThrownBy(() -> from(Map.of("quickstart.serve", "please")))
                .isInstanceOf(QuickstartException.class)
                .hasMessageContaining("quickstart.serve = 'please'")
                .hasMessageContaining("true or false");
    }

    @Test
    void theConnectionStringsPasswordIsMaskedInToString() {
        assertThat(from(Map.of("tidemark.mongodb.uri", "mongodb://app:s3cret@db:27017/app"))
                        .toString())
                .contains("mongodb://app:****@db:27017/app")
                .doesNotContain("s3cret");
        assertThat(from(Map.of("tidemark.mongodb.uri", "mongodb://app:correct horse@db:27017/app"))
                        .toString())
                .as("a password with a space in it, which the driver accepts unencoded")
                .contains("mongodb://app:****@db:27017/app")
                .doesNotContain("horse");
    }
}
