package io.tidemark.it.backend;

import java.util.Map;

/**
 * Named counters kept in the backend itself, changed with the backend's own SDK (MongoDB
 * {@code $inc}, a Couchbase counter document, DynamoDB {@code UpdateItem ADD}): what the scenario
 * change units change. Because the value lives in the database and every increment is one atomic
 * request, the count is right however many processes run change units, and a test reads it back
 * to see how many times each change's effect really happened.
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
            case MongoBackend.NAME -> MongoCounters.connect(configuration);
            case CouchbaseBackend.NAME -> CouchbaseCounters.connect(configuration);
            case DynamoDbBackend.NAME -> DynamoDbCounters.connect(configuration);
            default -> throw new IllegalArgumentException("no counters for tidemark.store='" + store + "'");
        };
    }
}
