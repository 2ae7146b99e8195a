package io.tidemark.core.internal.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.tidemark.core.ConfigSource;
import io.tidemark.core.TidemarkConfig;
import io.tidemark.core.error.ConfigurationException;
import io.tidemark.spi.AuditStore;
import io.tidemark.spi.AuditStoreProvider;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StoreResolverTest {

    /** A provider as resolution sees it: a name; creating a store is not exercised here. */
    record NamedProvider(String name) implements AuditStoreProvider {
        @Override
        public Set<String> keys() {
            return Set.of();
        }

        @Override
        public AuditStore create(TidemarkConfig config, java.time.Clock clock) {
            throw new UnsupportedOperationException("not exercised");
        }
    }

    private static TidemarkConfig store(String name) {
        return TidemarkConfig.of(ConfigSource.of("test", Map.of("tidemark.store", name)));
    }

    @Test
    void aNamedProviderIsChosenIgnoringCase() {
        StoreResolver resolver =
                new StoreResolver(List.of(new NamedProvider("dynamodb"), new NamedProvider("mongodb")));

        assertThat(resolver.select(store("MongoDB")).name()).isEqualTo("mongodb");
    }

    @Test
    void theOnlyProviderIsUsedWithoutAName() {
        StoreResolver resolver = new StoreResolver(List.of(new NamedProvider("couchbase")));

        assertThat(resolver.select(TidemarkConfig.of()).name()).isEqualTo("couchbase");
    }

    @Test
    void aNamedStoreWithoutItsAdapterNamesTheArtifactToAdd() {
        StoreResolver resolver = new StoreResolver(List.of(new NamedProvider("dynamodb")));

        assertThat(catchThrowableOfType(ConfigurationException.class, () -> resolver.select(store("mongodb"))))
                .hasMessageContaining("tidemark.store = 'mongodb'")
                .hasMessageContaining("add the artifact io.tidemark:tidemark-adapter-mongodb")
                .hasMessageContaining("On the class path now: dynamodb");
    }

    @Test
    void anUnknownStoreNameListsTheKnownOnes() {
        StoreResolver resolver = new StoreResolver(List.of());

        assertThat(catchThrowableOfType(ConfigurationException.class, () -> resolver.select(store("postgres"))))
                .hasMessageContaining("'postgres' names no known audit store")
                .hasMessageContaining("couchbase, dynamodb, mongodb");
    }

    @Test
    void noProviderAtAllSaysWhatToAdd() {
        assertThat(catchThrowableOfType(
                        ConfigurationException.class, () -> new StoreResolver(List.of()).select(TidemarkConfig.of())))
                .hasMessageContaining("No audit store")
                .hasMessageContaining("io.tidemark:tidemark-adapter-dynamodb")
                .hasMessageContaining("auditStore(...)");
    }

    @Test
    void severalProvidersWithoutANameAskToChoose() {
        StoreResolver resolver =
                new StoreResolver(List.of(new NamedProvider("dynamodb"), new NamedProvider("couchbase")));

        assertThat(catchThrowableOfType(ConfigurationException.class, () -> resolver.select(TidemarkConfig.of())))
                .hasMessageContaining("Several audit store adapters")
                .hasMessageContaining("couchbase, dynamodb")
                .hasMessageContaining("tidemark.store");
    }

    @Test
    void theClassPathOfCoreAloneHasNoProvider() {
        assertThat(StoreResolver.fromClassPath(getClass().getClassLoader()).providers())
                .isEmpty();
    }
}
