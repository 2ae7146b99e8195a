package io.tidemark.spring.boot.autoconfigure;

import io.tidemark.core.TidemarkConfig;
import io.tidemark.spi.AuditStore;
import java.time.Clock;
import java.util.List;

/**
 * An adapter's way to build the audit store around a client the application already has as a bean
 * (a {@code MongoClient}, a {@code DynamoDbClient}, a Couchbase {@code Cluster}). One exists per adapter
 * on the class path; it offers a store only while such a bean exists and none of the adapter's
 * connection keys is set (setting them asks for a connection of Tidemark's own).
 */
interface ClientStoreSource {

    /** {@return the adapter's name, as {@code tidemark.store} names it} */
    String storeName();

    /** {@return the client bean's type, for messages} */
    String clientType();

    /** {@return the adapter's keys that ask for a connection of Tidemark's own, instead of the client bean} */
    List<String> connectionKeys();

    /** {@return whether the application context has exactly one client bean (or a primary one)} */
    boolean hasClient();

    /**
     * A store around the client bean, configured by the adapter's other keys.
     *
     * @param config the configuration
     * @param clock  the engine's clock
     * @return a store that leaves the client open when closed
     */
    AuditStore create(TidemarkConfig config, Clock clock);

    /** Whether this source offers the store: a client bean, and no connection key set. */
    default boolean offers(TidemarkConfig config) {
        return hasClient()
                && connectionKeys().stream().allMatch(key -> config.get(key).isEmpty());
    }
}
