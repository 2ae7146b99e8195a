package io.tidemark.bench.backend;

/**
 * One embedded backend server, started by the harness, and the way to connect application
 * instances to it. Closing stops the server.
 */
public interface Backend extends AutoCloseable {

    /** Short name used in tables and JSON: {@code mongodb}, {@code couchbase}, {@code dynamodb}. */
    String name();

    /** What the server is, for the report (emulator, version, transport). */
    String describe();

    /**
     * A new client of the server, as one application instance would hold, with its own
     * {@link TrafficMeter}. The caller closes it.
     */
    BackendConnection connect();

    @Override
    void close();
}
