package io.tidemark.adapter.couchbase;

import com.couchbase.client.java.Cluster;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link Cluster} a store talks to: either one the caller passed in (left open on close), or
 * one the store connects itself on first use and disconnects on close. Connecting lazily lets a
 * provider create a store without any network access.
 */
final class ClusterConnection implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ClusterConnection.class);

    private final Supplier<Cluster> connector;
    private final boolean owned;
    private Cluster cluster;
    private boolean closed;

    private ClusterConnection(Supplier<Cluster> connector, boolean owned) {
        this.connector = connector;
        this.owned = owned;
    }

    /** A cluster the caller manages. */
    static ClusterConnection given(Cluster cluster) {
        return new ClusterConnection(() -> cluster, false);
    }

    /** A cluster this store connects on first use and disconnects on close. */
    static ClusterConnection ownedLazily(Supplier<Cluster> connector) {
        return new ClusterConnection(connector, true);
    }

    synchronized Cluster cluster() {
        if (closed) {
            throw new IllegalStateException("this Couchbase audit store is closed");
        }
        if (cluster == null) {
            cluster = connector.get();
        }
        return cluster;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (owned && cluster != null) {
            log.debug("Disconnecting the Couchbase cluster this store connected");
            try {
                cluster.disconnect();
            } catch (RuntimeException e) {
                log.debug("Disconnecting from Couchbase failed; ignored while closing", e);
            }
        }
    }
}
