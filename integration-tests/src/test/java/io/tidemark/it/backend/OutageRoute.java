package io.tidemark.it.backend;

import io.tidemark.spi.AuditStore;
import java.time.Clock;

/**
 * A way to one backend that a test can cut and restore, simulating an outage of the database or of
 * the network to it. Stores opened here connect only through that way, with short client timeouts
 * so that a cut fails in seconds.
 */
public interface OutageRoute extends AutoCloseable {

    /**
     * A new audit store (with a new client, as a restarted process would have) reaching the backend
     * only through this route, whose lock service takes time from {@code clock}. Closed by the route.
     */
    AuditStore openStore(Clock clock);

    /** The counters the scenario change units change; ask again after {@link #restore()}. */
    Counters counters();

    /** Drops every live connection and refuses new ones. */
    void cut();

    /** Lets connections through again. */
    void restore();

    /** The address clients use, which an error about the store must name (e.g. {@code 127.0.0.1:40123}). */
    String address();

    /** Closes the stores and clients opened here, and the route itself. */
    @Override
    void close();
}
