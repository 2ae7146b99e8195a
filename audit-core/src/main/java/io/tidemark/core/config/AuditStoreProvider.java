package io.tidemark.core.config;

import io.tidemark.core.port.AuditStore;
import java.time.Clock;
import java.util.List;

/**
 * Creates an {@link AuditStore} from configuration, so that the backend is chosen by the
 * {@code tidemark.store} key and a dependency, never by code. Adapters register one implementation
 * in {@code META-INF/services/io.tidemark.core.config.AuditStoreProvider}.
 */
public interface AuditStoreProvider {

    /** The value of {@code tidemark.store} that selects this provider, e.g. {@code dynamodb}. */
    String name();

    /** The Maven coordinates of the artifact holding this provider, for messages. */
    String artifact();

    /** The configuration keys this provider reads, for documentation and diagnostics. */
    List<String> configurationKeys();

    /**
     * A store built from {@code config}, whose lock service takes time from {@code clock} (the
     * engine's clock, so that leases are judged by one clock). The store owns the client it creates
     * and closes it in {@link AuditStore#close()}. Missing or invalid keys raise a
     * {@link io.tidemark.core.error.ConfigurationException} naming the key; no connection is
     * required to create the store.
     */
    AuditStore create(TidemarkConfig config, Clock clock);

    /** As {@link #create(TidemarkConfig, Clock)} on the system clock. */
    default AuditStore create(TidemarkConfig config) {
        return create(config, Clock.systemUTC());
    }
}
