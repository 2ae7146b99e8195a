package io.tidemark.core.internal.config;

import io.tidemark.core.ConfigurationKeys;
import io.tidemark.core.error.ConfigurationException;
import io.tidemark.spi.AuditStoreProvider;
import java.util.Collection;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;

/**
 * Every configuration key some part of Tidemark reads: the core's ({@link CoreKeys}), those of every
 * {@link ConfigurationKeys} service and those every {@link AuditStoreProvider} declares, plus the
 * prefixes under which modules read open-ended keys.
 *
 * @param keys     the known keys, in property form, sorted
 * @param prefixes the known prefixes, in property form
 */
public record KnownKeys(Set<String> keys, Set<String> prefixes) {

    /** Copies both sets. */
    public KnownKeys {
        keys = Set.copyOf(new TreeSet<>(keys));
        prefixes = Set.copyOf(prefixes);
    }

    /**
     * The keys known to the core, to the {@link ConfigurationKeys} services {@code loader} finds, and
     * to {@code providers}.
     */
    public static KnownKeys collect(ClassLoader loader, Collection<AuditStoreProvider> providers) {
        Set<String> keys = new TreeSet<>(new CoreKeys().keys());
        Set<String> prefixes = new TreeSet<>();
        try {
            for (ConfigurationKeys declared : ServiceLoader.load(ConfigurationKeys.class, loader)) {
                keys.addAll(declared.keys());
                prefixes.addAll(declared.prefixes());
            }
        } catch (ServiceConfigurationError broken) {
            throw new ConfigurationException(
                    "A module's list of configuration keys could not be loaded (service "
                            + ConfigurationKeys.class.getName() + "): " + broken.getMessage()
                            + ". Check the jar that registers it.",
                    broken);
        }
        providers.forEach(provider -> keys.addAll(provider.keys()));
        return new KnownKeys(keys, prefixes);
    }

    /** Exactly {@code keys}, no prefix (for tests). */
    public static KnownKeys of(String... keys) {
        return new KnownKeys(Set.of(keys), Set.of());
    }

    /** The keys in a stable order, for choosing among equally near keys. */
    List<String> sorted() {
        return List.copyOf(new TreeSet<>(keys));
    }
}
