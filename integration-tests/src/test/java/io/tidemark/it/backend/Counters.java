package io.tidemark.it.backend;

import io.tidemark.adapter.couchbase.testing.CouchbaseFixture;
import io.tidemark.adapter.dynamodb.testing.DynamoDbFixture;
import io.tidemark.adapter.mongodb.testing.MongoFixture;
import io.tidemark.tck.BackendFixture;
import java.util.Map;

/**
 * Named counters kept in the backend itself, changed with the backend's own SDK (MongoDB
 * {@code $inc}, a Couchbase counter document, DynamoDB {@code UpdateItem ADD}): what the scenario
 * change units change. Because the value lives in the database and every increment is one atomic
 * request, the count is right however many processes run change units, and a test reads it back
 * to see how many times each change's effect really happened.
 *
 * <p>Where they live follows from the audit store's configuration alone (its table prefix, database
 * or key prefix), so that a child JVM, which knows nothing but that configuration, and the test,
 * which holds the {@link BackendFixture}, reach the same counters.
 */
public interface Counters extends AutoCloseable {

    /** Adds {@code delta} (may be negative) to counter {@code name}, creating it at 0 first. */
    void add(String name, long delta);

    /** The value of counter {@code name}; 0 when it was never changed. */
    long get(String name);

    /** Releases the connection if these counters opened one. */
    @Override
    void close();

    /**
     * Counters next to the audit store that {@code configuration} describes ({@code tidemark.store}
     * and its connection keys): how a child JVM, which knows nothing but its configuration, reaches
     * them. The caller closes the result, which closes the connection it opened.
     */
    static Counters connect(Map<String, String> configuration) {
        String store = configuration.getOrDefault("tidemark.store", "");
        return switch (store) {
            case "mongodb" -> MongoCounters.connect(configuration);
            case "couchbase" -> CouchbaseCounters.connect(configuration);
            case "dynamodb" -> DynamoDbCounters.connect(configuration);
            default -> throw new IllegalArgumentException("no counters for tidemark.store='" + store + "'");
        };
    }

    /**
     * The counters of {@code namespace} on {@code fixture}'s server, over the fixture's own client
     * (closing them leaves it open): the same counters {@link #connect} finds from
     * {@code fixture.configuration(namespace)}.
     */
    static Counters of(BackendFixture fixture, String namespace) {
        Map<String, String> configuration = fixture.configuration(namespace);
        if (fixture instanceof DynamoDbFixture dynamoDb) {
            return DynamoDbCounters.over(dynamoDb.client(), configuration);
        }
        if (fixture instanceof MongoFixture mongo) {
            return MongoCounters.over(mongo.client(), configuration);
        }
        if (fixture instanceof CouchbaseFixture couchbase) {
            return CouchbaseCounters.over(couchbase.collection(), configuration);
        }
        throw new IllegalArgumentException("no counters for " + fixture.describe());
    }
}
