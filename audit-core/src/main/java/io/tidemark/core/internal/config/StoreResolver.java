package io.tidemark.core.internal.config;

import io.tidemark.core.Tidemark;
import io.tidemark.core.TidemarkConfig;
import io.tidemark.core.error.ConfigurationException;
import io.tidemark.spi.AuditStore;
import io.tidemark.spi.AuditStoreProvider;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chooses the {@link AuditStoreProvider} named by {@code tidemark.store} among those found by
 * {@link ServiceLoader}; with no name and exactly one provider present, uses that one. The one
 * place that knows which artifact holds each store Tidemark ships, for the "add artifact X" error.
 */
public final class StoreResolver {

    /** The configuration key naming the store. */
    public static final String STORE_KEY = Tidemark.Keys.STORE;

    /** Artifacts holding the providers Tidemark ships. */
    private static final Map<String, String> KNOWN_ARTIFACTS = Map.of(
            "dynamodb", "io.tidemark:tidemark-adapter-dynamodb",
            "mongodb", "io.tidemark:tidemark-adapter-mongodb",
            "couchbase", "io.tidemark:tidemark-adapter-couchbase");

    private static final Logger log = LoggerFactory.getLogger(StoreResolver.class);

    /**
     * The artifact holding the store Tidemark ships under {@code name} ({@code dynamodb},
     * {@code mongodb}, {@code couchbase}), such as {@code io.tidemark:tidemark-adapter-mongodb}.
     */
    static Optional<String> artifactOf(String name) {
        return Optional.ofNullable(KNOWN_ARTIFACTS.get(name));
    }

    /** The names of the stores Tidemark ships, sorted. */
    static List<String> shippedStores() {
        return KNOWN_ARTIFACTS.keySet().stream().sorted().toList();
    }

    private final List<AuditStoreProvider> providers;

    public StoreResolver(List<AuditStoreProvider> providers) {
        this.providers = List.copyOf(providers);
    }

    /**
     * The providers {@link ServiceLoader} finds for {@code loader}: on the class path
     * ({@code META-INF/services}) and, when audit-core runs as a named module, in modules that
     * {@code provides} one.
     */
    public static StoreResolver fromClassPath(ClassLoader loader) {
        List<AuditStoreProvider> found = new ArrayList<>();
        ServiceLoader.load(AuditStoreProvider.class, loader).forEach(found::add);
        return new StoreResolver(found);
    }

    /** The registered providers. */
    public List<AuditStoreProvider> providers() {
        return providers;
    }

    /** The provider {@code config} selects. */
    public AuditStoreProvider select(TidemarkConfig config) {
        Optional<String> name = config.get(STORE_KEY).map(n -> n.toLowerCase(Locale.ROOT));
        if (name.isPresent()) {
            return providers.stream()
                    .filter(p -> p.name().equalsIgnoreCase(name.get()))
                    .findFirst()
                    .orElseThrow(() -> notOnClassPath(name.get()));
        }
        if (providers.size() == 1) {
            return providers.get(0);
        }
        if (providers.isEmpty()) {
            throw new ConfigurationException("No audit store: no Tidemark adapter is on the class path and none was "
                    + "given to the builder. Add one of "
                    + String.join(
                            ", ", KNOWN_ARTIFACTS.values().stream().sorted().toList())
                    + " and set " + STORE_KEY + ", or call auditStore(...) on the builder.");
        }
        throw new ConfigurationException("Several audit store adapters are on the class path (" + names()
                + "): choose one by setting " + STORE_KEY + " (" + config.whereToSet(STORE_KEY) + ").");
    }

    /** Creates the store {@code config} selects, its lock service taking time from {@code clock}. */
    public AuditStore create(TidemarkConfig config, Clock clock) {
        AuditStoreProvider provider = select(config);
        AuditStore store = provider.create(config, clock);
        log.debug("Created audit store {} from configuration {}", store.describe(), config);
        return store;
    }

    private ConfigurationException notOnClassPath(String name) {
        String artifact = KNOWN_ARTIFACTS.get(name);
        String available = providers.isEmpty() ? "none" : names();
        if (artifact == null) {
            return new ConfigurationException(STORE_KEY + " = '" + name + "' names no known audit store. Known stores: "
                    + String.join(
                            ", ", KNOWN_ARTIFACTS.keySet().stream().sorted().toList())
                    + "; on the class path now: " + available + ".");
        }
        return new ConfigurationException(STORE_KEY + " = '" + name + "' but the " + name
                + " adapter is not on the class path: add the artifact " + artifact
                + " (version from io.tidemark:tidemark-bom). On the class path now: " + available + ".");
    }

    private String names() {
        return providers.stream().map(AuditStoreProvider::name).sorted().collect(Collectors.joining(", "));
    }
}
