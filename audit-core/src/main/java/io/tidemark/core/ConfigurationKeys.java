package io.tidemark.core;

import java.util.Set;

/**
 * Declares the {@code tidemark.*} configuration keys a module reads, so that a key no part of
 * Tidemark reads (a typing error such as {@code tidemark.dynamodb.endpont}) is reported, with the
 * nearest known key, instead of being silently ignored.
 *
 * <p>A {@link java.util.ServiceLoader} service: a module that reads keys of its own registers one
 * implementation in {@code META-INF/services/io.tidemark.core.ConfigurationKeys} (and, with a module
 * descriptor, {@code provides io.tidemark.core.ConfigurationKeys with ...}). The known keys are
 * those of every implementation found through the builder's class loader, the core's own (every
 * constant of {@link Tidemark.Keys}) and every {@link io.tidemark.spi.AuditStoreProvider#keys()};
 * adapters declare their keys there and need no implementation of this interface.
 *
 * <p>Where each source of configuration spells keys its own way, the check compares them as that
 * source does: system properties and properties files by exact name, environment variables by
 * their {@linkplain ConfigSource#environmentName(String) variable name}.
 *
 * <p>Implementations need a public no-argument constructor and must be cheap: they are asked every
 * time a {@link TidemarkBuilder} builds.
 */
public interface ConfigurationKeys {

    /**
     * The keys this module reads, in their property form ({@code tidemark.run-mode}).
     *
     * @return the keys; not null
     */
    Set<String> keys();

    /**
     * Prefixes under which every key is this module's ({@code tidemark.metrics.tags.}), for modules
     * whose keys are open-ended, such as a map of tags. Default: none.
     *
     * @return the prefixes, each ending with {@code .}; not null
     */
    default Set<String> prefixes() {
        return Set.of();
    }
}
