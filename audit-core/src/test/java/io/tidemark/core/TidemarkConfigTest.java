package io.tidemark.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.tidemark.core.error.ConfigurationException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class TidemarkConfigTest {

    @Test
    void theFirstSourceHavingAKeyWins() {
        TidemarkConfig config = TidemarkConfig.of(
                ConfigSource.of("first", Map.of("tidemark.chain", "orders")),
                ConfigSource.environment(Map.of("TIDEMARK_CHAIN", "billing", "TIDEMARK_STORE", "mongodb")));

        assertThat(config.get("tidemark.chain")).contains("orders");
        assertThat(config.get("tidemark.store")).contains("mongodb");
        assertThat(config.get("tidemark.absent")).isEmpty();
    }

    @Test
    void environmentNamesAreUpperCaseWithUnderscores() {
        assertThat(ConfigSource.environmentName("tidemark.dynamodb.table-prefix"))
                .isEqualTo("TIDEMARK_DYNAMODB_TABLE_PREFIX");
        TidemarkConfig config =
                TidemarkConfig.of(ConfigSource.environment(Map.of("TIDEMARK_DYNAMODB_TABLE_PREFIX", "svc_")));

        assertThat(config.get("tidemark.dynamodb.table-prefix")).contains("svc_");
    }

    @Test
    void blankValuesCountAsAbsentAndValuesAreTrimmed() {
        TidemarkConfig config = TidemarkConfig.of(
                ConfigSource.of("a", Map.of("k", "  ", "v", " x ")), ConfigSource.of("b", Map.of("k", "fallback")));

        assertThat(config.get("k")).contains("fallback");
        assertThat(config.get("v")).contains("x");
    }

    @Test
    void systemPropertiesComeBeforeTheEnvironment() {
        System.setProperty("tidemark.test.precedence", "from-property");
        try {
            TidemarkConfig config = TidemarkConfig.of(
                    ConfigSource.systemProperties(),
                    ConfigSource.environment(Map.of("TIDEMARK_TEST_PRECEDENCE", "from-env")));

            assertThat(config.get("tidemark.test.precedence")).contains("from-property");
        } finally {
            System.clearProperty("tidemark.test.precedence");
        }
    }

    @Test
    void loadReadsTheClassPathResourceLast() {
        TidemarkConfig config = TidemarkConfig.load(getClass().getClassLoader());

        assertThat(config.get("tidemark.test.from-resource")).contains("yes");
    }

    @Test
    void durationsAcceptShortAndIsoForms() {
        TidemarkConfig config = TidemarkConfig.of(
                ConfigSource.of("t", Map.of("a", "500ms", "b", "30s", "c", "3m", "d", "1h", "e", "PT2M30S")));

        assertThat(config.getDuration("a")).contains(Duration.ofMillis(500));
        assertThat(config.getDuration("b")).contains(Duration.ofSeconds(30));
        assertThat(config.getDuration("c")).contains(Duration.ofMinutes(3));
        assertThat(config.getDuration("d")).contains(Duration.ofHours(1));
        assertThat(config.getDuration("e")).contains(Duration.ofSeconds(150));
    }

    @Test
    void booleansAreTrueOrFalseInAnyCase() {
        TidemarkConfig config =
                TidemarkConfig.of(ConfigSource.of("t", Map.of("a", "true", "b", "FALSE", "c", "True", "d", "false")));

        assertThat(config.getBoolean("a")).contains(true);
        assertThat(config.getBoolean("b")).contains(false);
        assertThat(config.getBoolean("c")).contains(true);
        assertThat(config.getBoolean("d")).contains(false);
        assertThat(config.getBoolean("absent")).isEmpty();
    }

    @Test
    void otherSpellingsOfBooleansAreRefused() {
        for (String value : List.of("yes", "no", "on", "off", "1", "0", "Y", "ture")) {
            TidemarkConfig config =
                    TidemarkConfig.of(ConfigSource.of("test source", Map.of("tidemark.x.auto-create", value)));

            assertThat(catchThrowableOfType(
                            ConfigurationException.class, () -> config.getBoolean("tidemark.x.auto-create")))
                    .as(value)
                    .hasMessageContaining("tidemark.x.auto-create = '" + value + "'")
                    .hasMessageContaining("expected true or false");
        }
    }

    @Test
    void invalidValuesNameTheKeyTheSourceAndWhatIsExpected() {
        TidemarkConfig config = TidemarkConfig.of(ConfigSource.environment(Map.of(
                "TIDEMARK_LOCK_TIMEOUT",
                "soon",
                "TIDEMARK_X_AUTO_CREATE",
                "maybe",
                "TIDEMARK_X_CAPACITY",
                "lots",
                "TIDEMARK_X_MODE",
                "fast")));

        assertThat(catchThrowableOfType(
                        ConfigurationException.class, () -> config.getDuration("tidemark.lock.timeout")))
                .hasMessageContaining("tidemark.lock.timeout = 'soon'")
                .hasMessageContaining("environment variable TIDEMARK_LOCK_TIMEOUT")
                .hasMessageContaining("500ms, 30s, 3m");
        assertThat(catchThrowableOfType(
                        ConfigurationException.class, () -> config.getBoolean("tidemark.x.auto-create")))
                .hasMessageContaining("true or false");
        assertThat(catchThrowableOfType(ConfigurationException.class, () -> config.getLong("tidemark.x.capacity")))
                .hasMessageContaining("a whole number");
        assertThat(catchThrowableOfType(
                        ConfigurationException.class,
                        () -> config.getChoice("tidemark.x.mode", List.of("on-demand", "provisioned"))))
                .hasMessageContaining("one of [on-demand, provisioned]");
    }

    @Test
    void aMissingRequiredKeySaysEveryWayToSetIt() {
        TidemarkConfig config = TidemarkConfig.of();

        assertThat(catchThrowableOfType(
                        ConfigurationException.class,
                        () -> config.require("tidemark.mongodb.uri", "the MongoDB connection string")))
                .hasMessageContaining("tidemark.mongodb.uri (the MongoDB connection string)")
                .hasMessageContaining("-Dtidemark.mongodb.uri=")
                .hasMessageContaining("TIDEMARK_MONGODB_URI")
                .hasMessageContaining("tidemark.properties");
    }

    @Test
    void theLibrarysConfigurationNamesItsThreePlacesWhetherOrNotTheResourceExists() {
        ClassLoader withoutResource = new ClassLoader(null) {};
        for (TidemarkConfig config :
                List.of(TidemarkConfig.load(getClass().getClassLoader()), TidemarkConfig.load(withoutResource))) {
            assertThat(config.whereToSet("tidemark.dynamodb.region"))
                    .isEqualTo("system property "
                            + "-Dtidemark.dynamodb.region=..., environment variable TIDEMARK_DYNAMODB_REGION, or "
                            + "tidemark.dynamodb.region=... in tidemark.properties on the class path");
        }
    }

    @Test
    void aProgramWithPlacesOfItsOwnNamesThemAndOnlyThem() {
        TidemarkConfig config = TidemarkConfig.of(ConfigSource.of("config file a.properties", Map.of()))
                .withWhereToSet(key -> key + "=... in the file given with --config FILE")
                .overriddenBy(ConfigSource.of("option", Map.of()));

        assertThat(config.whereToSet("tidemark.chain"))
                .isEqualTo("tidemark.chain=... in the file given with --config FILE");
        assertThat(catchThrowableOfType(
                        ConfigurationException.class,
                        () -> config.require("tidemark.mongodb.uri", "the MongoDB connection string")))
                .hasMessage("Missing configuration tidemark.mongodb.uri (the MongoDB connection string): set "
                        + "tidemark.mongodb.uri=... in the file given with --config FILE.")
                .hasMessageNotContaining("system property")
                .hasMessageNotContaining("tidemark.properties");
    }

    @Test
    void givenSourcesAreNamedInTheirOwnSpelling() {
        TidemarkConfig config =
                TidemarkConfig.of(ConfigSource.of("Maven property", Map.of()), ConfigSource.environment(Map.of()));

        assertThat(config.whereToSet("tidemark.chain"))
                .isEqualTo("Maven property tidemark.chain, environment variable TIDEMARK_CHAIN");
    }

    @Test
    void sourcesListTheNamesTheyHold() {
        Properties properties = new Properties();
        properties.setProperty("tidemark.chain", "a");

        assertThat(ConfigSource.of("file", properties).names().get()).containsExactly("tidemark.chain");
        assertThat(ConfigSource.of("map", Map.of("tidemark.store", "x")).names().get())
                .containsExactly("tidemark.store");
        assertThat(ConfigSource.environment(Map.of("TIDEMARK_STORE", "x"))
                        .names()
                        .get())
                .containsExactly("TIDEMARK_STORE");
        assertThat(ConfigSource.systemProperties().names().get()).contains("java.version");
        assertThat(new ConfigSource("opaque", key -> null, key -> key).names().get())
                .isEmpty();
    }

    @Test
    void toStringMasksSecretsAndUriPasswords() {
        TidemarkConfig config = TidemarkConfig.of(ConfigSource.of(
                "t",
                Map.of(
                        "tidemark.couchbase.password", "hunter2",
                        "tidemark.mongodb.uri", "mongodb://app:s3cret@db1:27017,db2:27017/prod",
                        "tidemark.chain", "orders")));
        config.get("tidemark.couchbase.password");
        config.get("tidemark.mongodb.uri");
        config.get("tidemark.chain");

        String shown = config.toString();

        assertThat(shown)
                .doesNotContain("hunter2", "s3cret")
                .contains(
                        "tidemark.couchbase.password=****",
                        "mongodb://app:****@db1:27017,db2:27017/prod",
                        "tidemark.chain=orders");
    }

    @Test
    void invalidSecretValuesAreNotEchoed() {
        TidemarkConfig config =
                TidemarkConfig.of(ConfigSource.of("t", Map.of("tidemark.x.password-rotation", "hunter2")));

        assertThat(catchThrowableOfType(
                        ConfigurationException.class, () -> config.getDuration("tidemark.x.password-rotation")))
                .hasMessageNotContaining("hunter2");
    }
}
