package io.tidemark.spi;

import io.tidemark.core.TidemarkConfig;
import java.time.Clock;
import java.util.Set;

/**
 * Creates an {@link AuditStore} from configuration, so that the backend is chosen by the
 * {@code tidemark.store} key and a dependency, never by code. Adapters register one implementation
 * with {@link java.util.ServiceLoader}: in {@code META-INF/services/io.tidemark.spi.AuditStoreProvider}
 * for the class path, and with {@code provides io.tidemark.spi.AuditStoreProvider with ...} in their
 * module descriptor.
 *
 * <p>Problems with the keys are reported all at once, in one
 * {@link io.tidemark.core.error.ConfigurationException} (see
 * {@link io.tidemark.spi.support.ConfigurationProblems}), each naming the key, where it was set and
 * what is expected; secret values are never shown.
 */
public interface AuditStoreProvider {

    /** {@return the value of {@code tidemark.store} that selects this provider, e.g. {@code dynamodb}} */
    String name();

    /**
     * Every configuration key this provider reads, so that a key nobody reads (a typing error) can
     * be reported, and for documentation and diagnostics.
     *
     * @return the keys, such as {@code tidemark.dynamodb.endpoint}
     */
    Set<String> keys();

    /**
     * A store built from {@code config}, whose lock service takes time from {@code clock} (the
     * engine's clock, so that leases are judged by one clock). The store owns the client it creates
     * and closes it in {@link AuditStore#close()}. Missing or invalid keys raise one
     * {@link io.tidemark.core.error.ConfigurationException} naming every one of them; no
     * connection is required to create the store.
     *
     * @param config the configuration to read this provider's keys from
     * @param clock  the engine's clock
     * @return a store that owns its client
     */
    AuditStore create(TidemarkConfig config, Clock clock);
}
