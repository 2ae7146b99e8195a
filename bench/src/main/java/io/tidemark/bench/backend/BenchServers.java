package io.tidemark.bench.backend;

import com.couchbase.client.core.msg.kv.DurabilityLevel;
import com.mongodb.ConnectionString;
import io.tidemark.adapter.couchbase.testing.CouchbaseFixture;
import io.tidemark.adapter.dynamodb.testing.DynamoDbClientFactory;
import io.tidemark.adapter.dynamodb.testing.DynamoDbFixture;
import io.tidemark.adapter.mongodb.testing.MongoFixture;
import io.tidemark.tck.BackendFixture;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Where a benchmark's backends run. By default each is the embedded test server the adapter's tests
 * use (dynalite, mongo-java-server, CouchbaseMock), started for the run and stopped after it. A system
 * property instead names a server that is already running, so that the figures can be taken on a
 * real store, whose answer to a query is not an embedded server's (mongo-java-server, for one, sorts
 * every record of a chain to find its tip, which a real MongoDB reads from its index):
 *
 * <ul>
 *   <li>{@value #MONGODB_URI}: a MongoDB connection string ({@code mongodb://host:27017}); the
 *       benchmark uses the database {@code tidemark_bench} there.
 *   <li>{@value #DYNAMODB_ENDPOINT}, with {@value #DYNAMODB_REGION} (default {@code us-east-1}): an
 *       endpoint that speaks DynamoDB's API and accepts any credentials, such as moto, LocalStack or
 *       ScyllaDB Alternator. The benchmark signs with placeholder credentials, so not AWS itself. Its
 *       tables are prefixed {@code bench_}.
 *   <li>{@value #COUCHBASE_CONNECTION}, {@value #COUCHBASE_USERNAME}, {@value #COUCHBASE_PASSWORD} and
 *       {@value #COUCHBASE_BUCKET} (all four), and optionally {@value #COUCHBASE_SCOPE} and
 *       {@value #COUCHBASE_COLLECTION} (default {@code _default}) and {@value #COUCHBASE_DURABILITY}
 *       (default {@code NONE}): a Couchbase cluster and an existing bucket; the keys start with
 *       {@code tidemark-bench::}.
 * </ul>
 *
 * <p>A server named this way is neither started nor stopped, and the benchmark leaves what it wrote
 * there (every chain and lock key of a run is new, so runs do not disturb each other): drop the
 * database, tables or keys above when done. The descriptions printed and written to the JSON name
 * the hosts, never a user or password. A value that cannot be used fails the run before anything is
 * measured, naming the property and what it expects.
 */
public final class BenchServers {

    /** A MongoDB connection string to run on instead of mongo-java-server. */
    public static final String MONGODB_URI = "bench.mongodb.uri";
    /** A DynamoDB-compatible endpoint to run on instead of dynalite. */
    public static final String DYNAMODB_ENDPOINT = "bench.dynamodb.endpoint";
    /** The region requests to {@value #DYNAMODB_ENDPOINT} are signed for. */
    public static final String DYNAMODB_REGION = "bench.dynamodb.region";
    /** A Couchbase connection string to run on instead of CouchbaseMock. */
    public static final String COUCHBASE_CONNECTION = "bench.couchbase.connection";
    /** The user for {@value #COUCHBASE_CONNECTION}. */
    public static final String COUCHBASE_USERNAME = "bench.couchbase.username";
    /** The password of {@value #COUCHBASE_USERNAME}. */
    public static final String COUCHBASE_PASSWORD = "bench.couchbase.password";
    /** The bucket, which must exist. */
    public static final String COUCHBASE_BUCKET = "bench.couchbase.bucket";
    /** The scope (default {@code _default}). */
    public static final String COUCHBASE_SCOPE = "bench.couchbase.scope";
    /** The collection (default {@code _default}). */
    public static final String COUCHBASE_COLLECTION = "bench.couchbase.collection";
    /** The stores' durability level (default {@code NONE}). */
    public static final String COUCHBASE_DURABILITY = "bench.couchbase.durability";

    /** The backends a benchmark can run on, in the order they run by default. */
    public static final List<String> NAMES = List.of("dynamodb", "mongodb", "couchbase");

    private static final Set<String> WEB_SCHEMES = Set.of("http", "https");

    private BenchServers() {}

    /** Starts or connects to backend {@code name}, as the JVM's system properties say. */
    public static BackendFixture start(String name) {
        return start(name, System::getProperty);
    }

    /**
     * Starts or connects to backend {@code name}, as {@code properties} say (a lookup returning null
     * for a property not set).
     *
     * @throws IllegalArgumentException for an unknown backend or a property holding what cannot be used
     */
    public static BackendFixture start(String name, UnaryOperator<String> properties) {
        return switch (name) {
            case "mongodb" -> mongo(properties);
            case "dynamodb" -> dynamo(properties);
            case "couchbase" -> couchbase(properties);
            default ->
                throw new IllegalArgumentException("Unknown backend '" + name + "' in bench.backends; known: " + NAMES);
        };
    }

    /** Fails naming the first backend of {@code names} that is unknown, before anything starts. */
    public static void requireKnown(List<String> names) {
        names.stream().filter(n -> !NAMES.contains(n)).findFirst().ifPresent(unknown -> {
            throw unknown(unknown);
        });
    }

    private static IllegalArgumentException unknown(String name) {
        return new IllegalArgumentException("Unknown backend '" + name + "' in bench.backends; known: " + NAMES);
    }

    private static BackendFixture mongo(UnaryOperator<String> properties) {
        String uri = value(properties, MONGODB_URI);
        if (uri == null) {
            return MongoFixture.startEmbedded();
        }
        ConnectionString parsed;
        try {
            parsed = new ConnectionString(uri);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(MONGODB_URI + " is not a MongoDB connection string ("
                    + e.getMessage() + "). Give one such as mongodb://localhost:27017, "
                    + "or leave it unset to run on mongo-java-server.");
        }
        return MongoFixture.over(
                uri, "MongoDB at " + String.join(",", parsed.getHosts()) + " (" + MONGODB_URI + ")", () -> {});
    }

    private static BackendFixture dynamo(UnaryOperator<String> properties) {
        String endpoint = value(properties, DYNAMODB_ENDPOINT);
        if (endpoint == null) {
            return DynamoDbFixture.startDynalite();
        }
        URI uri = endpoint(endpoint);
        String region = value(properties, DYNAMODB_REGION);
        DynamoDbClientFactory clients = new DynamoDbClientFactory(uri, region == null ? "us-east-1" : region);
        return DynamoDbFixture.over(
                clients,
                "DynamoDB API at " + uri.getScheme() + "://" + uri.getHost()
                        + (uri.getPort() < 0 ? "" : ":" + uri.getPort()) + " (" + DYNAMODB_ENDPOINT + ")",
                false,
                () -> {});
    }

    private static URI endpoint(String endpoint) {
        try {
            URI uri = new URI(endpoint);
            if (uri.getScheme() != null
                    && WEB_SCHEMES.contains(uri.getScheme().toLowerCase(Locale.ROOT))
                    && uri.getHost() != null) {
                return uri;
            }
        } catch (URISyntaxException e) {
            // reported below, with what is expected
        }
        throw new IllegalArgumentException(DYNAMODB_ENDPOINT + " must be an http or https URL with a host, such as "
                + "http://localhost:5000; got '" + endpoint + "'. Leave it unset to run on dynalite.");
    }

    private static BackendFixture couchbase(UnaryOperator<String> properties) {
        List<String> required = List.of(COUCHBASE_CONNECTION, COUCHBASE_USERNAME, COUCHBASE_PASSWORD, COUCHBASE_BUCKET);
        List<String> missing = new ArrayList<>();
        for (String key : required) {
            if (value(properties, key) == null) {
                missing.add(key);
            }
        }
        if (missing.size() == required.size()) {
            return CouchbaseFixture.startMock();
        }
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("To run on a Couchbase cluster, set all of " + required + "; " + missing
                    + " not set. Or set none of them to run on CouchbaseMock.");
        }
        String connection = value(properties, COUCHBASE_CONNECTION);
        CouchbaseFixture.Server server = new CouchbaseFixture.Server(
                connection,
                value(properties, COUCHBASE_USERNAME),
                value(properties, COUCHBASE_PASSWORD),
                value(properties, COUCHBASE_BUCKET),
                orDefault(properties, COUCHBASE_SCOPE, "_default"),
                orDefault(properties, COUCHBASE_COLLECTION, "_default"),
                durability(orDefault(properties, COUCHBASE_DURABILITY, "NONE")));
        return CouchbaseFixture.connect(
                server,
                "Couchbase at " + connection + ", bucket " + server.bucket() + " (" + COUCHBASE_CONNECTION + ")");
    }

    private static DurabilityLevel durability(String value) {
        try {
            return DurabilityLevel.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(COUCHBASE_DURABILITY + " must be one of "
                    + Arrays.toString(DurabilityLevel.values()) + "; got '" + value + "'");
        }
    }

    private static String orDefault(UnaryOperator<String> properties, String key, String fallback) {
        String value = value(properties, key);
        return value == null ? fallback : value;
    }

    /** The property's value trimmed, or null when it is not set or blank. */
    private static String value(UnaryOperator<String> properties, String key) {
        String value = properties.apply(key);
        return value == null || value.isBlank() ? null : value.trim();
    }
}
