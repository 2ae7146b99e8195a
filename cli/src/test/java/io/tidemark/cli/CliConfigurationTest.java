package io.tidemark.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.tidemark.adapter.dynamodb.DynamoDbAuditStoreProvider;
import io.tidemark.core.ConfigurationKeys;
import io.tidemark.core.Tidemark;
import io.tidemark.core.error.ConfigurationException;
import io.tidemark.spi.AuditStoreProvider;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What the command line does with configuration keys: a key no part of Tidemark reads is an error
 * (exit code 3) naming the nearest known key, whichever place it came from, and nothing is
 * connected to; every key the core and the three adapters declare is accepted; the help lists
 * them; the connect timeouts work from the {@code --config} file.
 */
class CliConfigurationTest {

    @TempDir
    Path directory;

    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void aMistypedKeyInTheConfigFileIsRefusedWithTheNearestKeyBeforeAnythingConnects() {
        Path file = ConfigFile.write(
                directory,
                "prod",
                Map.of(
                        "tidemark.store",
                        "dynamodb",
                        "tidemark.dynamodb.endpont",
                        "http://localhost:8000",
                        "tidemark.dynamodb.region",
                        "eu-west-1"));

        CliRun run = CliRun.of("status", "--config", file.toString());

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(run.err())
                .contains(
                        "Unknown configuration key tidemark.dynamodb.endpont (config file " + file + ")",
                        "did you mean tidemark.dynamodb.endpoint?",
                        "correct or remove it")
                .doesNotContain("amazonaws.com", "DynamoDB at");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void aMistypedEnvironmentVariableIsRefusedInItsOwnSpelling() {
        CliRun run = CliRun.of(
                "", Map.of("TIDEMARK_STORE", "mongodb", "TIDEMARK_MONGODB_URL", "mongodb://db:27017/app"), "history");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(run.err())
                .contains(
                        "Unknown configuration key TIDEMARK_MONGODB_URL (environment variable)",
                        "did you mean TIDEMARK_MONGODB_URI (tidemark.mongodb.uri)?");
    }

    @Test
    void aMistypedSystemPropertyIsRefused() {
        System.setProperty("tidemark.couchbase.buckt", "audit");
        try {
            CliRun run = CliRun.of("verify", "--store", "couchbase");

            assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.INVALID_INPUT);
            assertThat(run.err())
                    .contains(
                            "Unknown configuration key tidemark.couchbase.buckt (system property)",
                            "did you mean tidemark.couchbase.bucket?");
        } finally {
            System.clearProperty("tidemark.couchbase.buckt");
        }
    }

    @Test
    void everyUnknownKeyIsNamedInOneRun() {
        Path file = ConfigFile.write(directory, "prod", Map.of("tidemark.stor", "mongodb", "tidemark.chian", "orders"));

        CliRun run = CliRun.of("", Map.of("TIDEMARK_LOCK_TIMOUT", "1m"), "issues", "--config", file.toString());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(run.err())
                .contains(
                        "3 problems",
                        "did you mean tidemark.store?",
                        "did you mean tidemark.chain?",
                        "did you mean TIDEMARK_LOCK_TIMEOUT (tidemark.lock.timeout)?");
    }

    @Test
    void theSourceOfAMigrationIsCheckedToo() {
        Path from =
                ConfigFile.write(directory, "from", Map.of("tidemark.store", "mongodb", "tidemark.mongodb.urii", "x"));
        Path to = ConfigFile.write(directory, "to", Map.of("tidemark.store", "mongodb"));

        CliRun run = CliRun.of("migrate", "--from", from.toString(), "--to", to.toString());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(run.err())
                .contains("tidemark.mongodb.urii (config file " + from + ")", "did you mean tidemark.mongodb.uri?");
    }

    static Stream<AuditStoreProvider> providers() {
        return ServiceLoader.load(AuditStoreProvider.class).stream().map(ServiceLoader.Provider::get);
    }

    @Test
    void theThreeAdaptersAreOnTheClassPath() {
        assertThat(providers().map(AuditStoreProvider::name))
                .containsExactlyInAnyOrder("couchbase", "dynamodb", "mongodb");
    }

    /**
     * Every key a provider declares, with every key of the core, passes the check: the run goes on to
     * choose the store (here a name no adapter has, so that nothing connects) and fails only there.
     */
    @ParameterizedTest
    @MethodSource("providers")
    void everyKeyAProviderDeclaresIsAccepted(AuditStoreProvider provider) {
        Map<String, String> keys = new HashMap<>();
        provider.keys().forEach(key -> keys.put(key, "x"));
        ServiceLoader.load(ConfigurationKeys.class)
                .forEach(declared -> declared.keys().forEach(key -> keys.put(key, "1m")));
        keys.put(Tidemark.Keys.STORE, "postgres");
        Path file = ConfigFile.write(directory, provider.name(), keys);
        Map<String, String> environment = new HashMap<>();
        provider.keys().forEach(key -> environment.put(io.tidemark.core.ConfigSource.environmentName(key), "x"));

        CliRun run = CliRun.of("", environment, "status", "--config", file.toString());

        assertThat(provider.keys()).isNotEmpty();
        assertThat(keys).containsKeys(Tidemark.Keys.CHAIN, Tidemark.Keys.LOCK_TIMEOUT);
        assertThat(run.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(run.err())
                .contains("tidemark.store = 'postgres' names no known audit store")
                .doesNotContain("Unknown configuration key");
    }

    @Test
    void theHelpListsTheKeysOfTheCoreAndOfEveryAdapterTheConnectTimeoutsIncluded() {
        CliRun help = CliRun.of("--help");

        assertThat(help.out())
                .contains(
                        "Configuration keys",
                        "--config FILE",
                        "tidemark.lock.timeout",
                        "tidemark.chain",
                        "mongodb: ",
                        "tidemark.mongodb.connect-timeout",
                        "couchbase: ",
                        "tidemark.couchbase.connect-timeout",
                        "dynamodb: ",
                        "tidemark.dynamodb.endpoint",
                        "is refused",
                        "(exit code 3)");
        assertThat(help.out().indexOf("Configuration keys"))
                .isLessThan(help.out().indexOf("Exit codes:"));
        assertThat(help.outLinesWiderThan(100)).isEmpty();
    }

    /**
     * Issue 13, items 2 and 3, the command line's entry point: a malformed endpoint gets the DynamoDB
     * adapter's one message (as in the library and the quickstart), exit code 3, and nothing connects.
     */
    @Test
    void aMalformedDynamoDbEndpointGetsTheAdaptersMessage() {
        String adapters = catchThrowableOfType(
                        ConfigurationException.class, () -> DynamoDbAuditStoreProvider.endpoint("localhost:8000"))
                .getMessage();
        Path file = ConfigFile.write(
                directory,
                "dynamo",
                Map.of(
                        "tidemark.store",
                        "dynamodb",
                        "tidemark.dynamodb.endpoint",
                        "localhost:8000",
                        "tidemark.dynamodb.region",
                        "eu-west-1"));

        CliRun run = CliRun.of("status", "--config", file.toString());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(run.err())
                .isEqualTo("tidemark: " + adapters + " Leave the key out to use the AWS endpoint of the " + "region."
                        + System.lineSeparator());
        assertThat(run.out()).isEmpty();
    }

    @Test
    void theMongoDbConnectTimeoutWorksFromTheConfigFile() {
        Path file = ConfigFile.write(
                directory,
                "mongo",
                Map.of(
                        "tidemark.store",
                        "mongodb",
                        "tidemark.mongodb.uri",
                        "mongodb://127.0.0.1:" + closedPort() + "/app",
                        "tidemark.mongodb.connect-timeout",
                        "700ms"));

        CliRun run = CliRun.of("status", "--config", file.toString());

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.STORE_UNAVAILABLE);
        assertThat(run.err()).contains("within 700ms", "tidemark.mongodb.connect-timeout");
    }

    @Test
    void theCouchbaseConnectTimeoutWorksFromTheConfigFile() {
        String nowhere = "couchbase://127.0.0.1:" + closedPort() + "=kv,127.0.0.1:" + closedPort() + "=manager";
        Path file = ConfigFile.write(
                directory,
                "couchbase",
                Map.of(
                        "tidemark.store",
                        "couchbase",
                        "tidemark.couchbase.connection-string",
                        nowhere,
                        "tidemark.couchbase.username",
                        "ops",
                        "tidemark.couchbase.password",
                        "secret",
                        "tidemark.couchbase.bucket",
                        "audit",
                        "tidemark.couchbase.connect-timeout",
                        "700ms"));

        CliRun run = CliRun.of("status", "--config", file.toString());

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.STORE_UNAVAILABLE);
        assertThat(run.err()).contains("was not ready within 700 ms", "tidemark.couchbase.connect-timeout");
    }
}
