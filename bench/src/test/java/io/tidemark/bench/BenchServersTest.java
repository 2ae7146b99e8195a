package io.tidemark.bench;

import static io.tidemark.bench.backend.BenchServers.COUCHBASE_BUCKET;
import static io.tidemark.bench.backend.BenchServers.COUCHBASE_CONNECTION;
import static io.tidemark.bench.backend.BenchServers.COUCHBASE_DURABILITY;
import static io.tidemark.bench.backend.BenchServers.COUCHBASE_PASSWORD;
import static io.tidemark.bench.backend.BenchServers.COUCHBASE_USERNAME;
import static io.tidemark.bench.backend.BenchServers.DYNAMODB_ENDPOINT;
import static io.tidemark.bench.backend.BenchServers.MONGODB_URI;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tidemark.adapter.couchbase.testing.CouchbaseMockServer;
import io.tidemark.adapter.dynamodb.testing.DynaliteServer;
import io.tidemark.adapter.mongodb.testing.EmbeddedMongoServer;
import io.tidemark.bench.backend.BenchServers;
import io.tidemark.bench.scenario.FreshStartMain;
import io.tidemark.core.Tidemark;
import io.tidemark.core.TidemarkConfig;
import io.tidemark.spi.AuditStore;
import io.tidemark.tck.BackendFixture;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

/**
 * The benchmarks run on a server already running when a property names it, rather than on the
 * embedded one they start: the fixture reaches that server, does not stop it, and what it wrote stays
 * there; a value that cannot be used fails before anything starts, saying what is expected; no
 * description names a password. The named servers here are the embedded ones, started by the test as
 * someone else would start a real one.
 */
class BenchServersTest {

    private static final String NAMESPACE = "servers";

    @Test
    void aMongoDbConnectionStringRunsTheBenchmarkOnThatServerAndLeavesItRunning() {
        try (EmbeddedMongoServer server = EmbeddedMongoServer.start()) {
            Map<String, String> properties = Map.of(MONGODB_URI, server.connectionString());

            String port = server.connectionString().replaceAll(".*:(\\d+).*", "$1");
            runsThereAndLeavesItsHistory(
                    "mongodb", properties, "MongoDB at 127.0.0.1:" + port + " (bench.mongodb.uri)");
        }
    }

    @Test
    void aDynamoDbEndpointRunsTheBenchmarkOnThatServerAndLeavesItRunning() {
        try (DynaliteServer server = DynaliteServer.start()) {
            String endpoint = server.clients().endpoint().toString();

            runsThereAndLeavesItsHistory(
                    "dynamodb",
                    Map.of(DYNAMODB_ENDPOINT, endpoint),
                    "DynamoDB API at " + endpoint + " (bench.dynamodb.endpoint)");
        }
    }

    @Test
    void aCouchbaseClusterRunsTheBenchmarkOnItAndLeavesItRunning() {
        try (CouchbaseMockServer server = CouchbaseMockServer.start()) {
            Map<String, String> properties = Map.of(
                    COUCHBASE_CONNECTION, server.connectionString(),
                    COUCHBASE_USERNAME, server.username(),
                    COUCHBASE_PASSWORD, server.password(),
                    COUCHBASE_BUCKET, server.bucket());

            runsThereAndLeavesItsHistory(
                    "couchbase",
                    properties,
                    "Couchbase at " + server.connectionString() + ", bucket " + server.bucket()
                            + " (bench.couchbase.connection)");
        }
    }

    /**
     * A run through one fixture applies a change; after that fixture is closed, a second one over the
     * same properties finds the server still answering and the chain applied.
     */
    private static void runsThereAndLeavesItsHistory(
            String backend, Map<String, String> properties, String description) {
        String chain = "servers-"
                + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
        try (BackendFixture fixture = BenchServers.start(backend, properties::get);
                AuditStore store = fixture.openStore(NAMESPACE, Clock.systemUTC())) {
            assertThat(fixture.describe()).isEqualTo(description);
            assertThat(tidemark(store, chain).run().applied()).hasSize(1);
        }
        try (BackendFixture again = BenchServers.start(backend, properties::get);
                AuditStore store = again.openStore(NAMESPACE, Clock.systemUTC())) {
            assertThat(tidemark(store, chain).run().nothingToDo()).isTrue();
        }
    }

    private static Tidemark tidemark(AuditStore store, String chain) {
        return Tidemark.builder()
                .auditStore(store)
                .configuration(TidemarkConfig.of())
                .chain(chain)
                .changeUnits(TestChanges.get().first(1))
                .build();
    }

    @Test
    void aPasswordInTheMongoDbConnectionStringIsNotDescribedAndReachesTheFreshJvmWhole() throws IOException {
        Map<String, String> properties = Map.of(MONGODB_URI, "mongodb://bench:s3cret=@127.0.0.1:1/?authSource=admin");

        try (BackendFixture fixture = BenchServers.start("mongodb", properties::get)) {
            assertThat(fixture.describe()).isEqualTo("MongoDB at 127.0.0.1:1 (bench.mongodb.uri)");
            Properties sent = new Properties();
            sent.putAll(fixture.configuration("bench"));
            StringWriter stdin = new StringWriter();
            sent.store(stdin, null);

            assertThat(FreshStartMain.configuration(
                            new ByteArrayInputStream(stdin.toString().getBytes(StandardCharsets.UTF_8))))
                    .isEqualTo(fixture.configuration("bench"))
                    .containsValue("mongodb://bench:s3cret=@127.0.0.1:1/?authSource=admin");
        }
    }

    @Test
    void aMongoDbConnectionStringThatIsNotOneSaysWhatIsExpected() {
        assertThatThrownBy(() -> BenchServers.start("mongodb", Map.of(MONGODB_URI, "localhost:27017")::get))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("bench.mongodb.uri is not a MongoDB connection string (")
                .hasMessageEndingWith("Give one such as mongodb://localhost:27017, or leave it unset to run on "
                        + "mongo-java-server.");
    }

    @Test
    void aDynamoDbEndpointThatIsNotAnHttpUrlSaysWhatIsExpected() {
        for (String endpoint : List.of("localhost:8000", "ftp://localhost:8000", "http://", "http://[bad")) {
            assertThatThrownBy(() -> BenchServers.start("dynamodb", Map.of(DYNAMODB_ENDPOINT, endpoint)::get))
                    .as(endpoint)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("bench.dynamodb.endpoint must be an http or https URL with a host, such as "
                            + "http://localhost:5000; got '" + endpoint + "'. Leave it unset to run on dynalite.");
        }
    }

    @Test
    void aCouchbaseClusterNamedInPartSaysWhichPropertiesAreMissing() {
        Map<String, String> properties = Map.of(COUCHBASE_CONNECTION, "couchbase://db.example", COUCHBASE_BUCKET, "b");

        assertThatThrownBy(() -> BenchServers.start("couchbase", properties::get))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("To run on a Couchbase cluster, set all of [bench.couchbase.connection, "
                        + "bench.couchbase.username, bench.couchbase.password, bench.couchbase.bucket]; "
                        + "[bench.couchbase.username, bench.couchbase.password] not set. Or set none of them to "
                        + "run on CouchbaseMock.");
    }

    @Test
    void anUnknownCouchbaseDurabilitySaysWhichAreKnownBeforeConnecting() {
        Map<String, String> properties = Map.of(
                COUCHBASE_CONNECTION, "couchbase://db.example",
                COUCHBASE_USERNAME, "u",
                COUCHBASE_PASSWORD, "p",
                COUCHBASE_BUCKET, "b",
                COUCHBASE_DURABILITY, "strong");

        assertThatThrownBy(() -> BenchServers.start("couchbase", properties::get))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("bench.couchbase.durability must be one of [NONE, MAJORITY, "
                        + "MAJORITY_AND_PERSIST_TO_ACTIVE, PERSIST_TO_MAJORITY]; got 'strong'");
    }

    @Test
    void anUnknownBackendIsNamedWithTheKnownOnes() {
        assertThatThrownBy(() -> BenchServers.requireKnown(List.of("mongodb", "cassandra")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Unknown backend 'cassandra' in bench.backends; known: [dynamodb, mongodb, couchbase]");
        assertThatThrownBy(() -> BenchServers.start("cassandra", key -> null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Unknown backend 'cassandra' in bench.backends; known: [dynamodb, mongodb, couchbase]");
    }
}
