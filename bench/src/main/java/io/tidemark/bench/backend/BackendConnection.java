package io.tidemark.bench.backend;

import io.tidemark.spi.AuditStore;

/**
 * One application instance's client of a backend, counting every request it sends. Stores made
 * by {@link #newStore()} share the client, as the stores built at each start of an application
 * share its connection pool; each is a fresh object that remembers nothing from earlier ones (in
 * particular, not whether it was initialised).
 */
public interface BackendConnection extends AutoCloseable {

    /** A fresh audit store object over this client, with the adapter's defaults. */
    AuditStore newStore();

    /** The requests this client sent. */
    TrafficMeter meter();

    /**
     * How to set up histories on this backend quickly (not measured; the requests are counted like
     * any others). By default, parallel appends through a fresh store.
     */
    default RecordLoader loader() {
        return RecordLoader.appending(newStore(), 16);
    }

    /** Closes the client. */
    @Override
    void close();
}
