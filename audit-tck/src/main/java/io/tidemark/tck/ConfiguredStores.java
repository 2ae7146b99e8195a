package io.tidemark.tck;

import io.tidemark.core.ConfigSource;
import io.tidemark.core.TidemarkConfig;
import io.tidemark.spi.AuditStore;
import io.tidemark.spi.AuditStoreProvider;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * A fixture whose stores are created the way a user without code creates them: by the adapter's
 * {@link AuditStoreProvider}, found with {@link ServiceLoader} by the fixture's
 * {@link BackendFixture#storeName()}, from {@link BackendFixture#configuration(String)} alone.
 * Everything else (counting stores, raw writes) is the underlying fixture's.
 */
public final class ConfiguredStores implements BackendFixture {

    private final BackendFixture fixture;
    private final AuditStoreProvider provider;

    private ConfiguredStores(BackendFixture fixture, AuditStoreProvider provider) {
        this.fixture = fixture;
        this.provider = provider;
    }

    /**
     * {@code fixture}, with stores from its provider.
     *
     * @param fixture the backend under test
     * @return the fixture, with stores from its provider
     * @throws IllegalStateException when no provider of that name is on the class path
     */
    public static ConfiguredStores of(BackendFixture fixture) {
        for (AuditStoreProvider provider : ServiceLoader.load(AuditStoreProvider.class)) {
            if (provider.name().equals(fixture.storeName())) {
                return new ConfiguredStores(fixture, provider);
            }
        }
        throw new IllegalStateException("No AuditStoreProvider named '" + fixture.storeName()
                + "' is on the class path: add the adapter (META-INF/services/io.tidemark.spi.AuditStoreProvider)");
    }

    @Override
    public String storeName() {
        return fixture.storeName();
    }

    @Override
    public String describe() {
        return fixture.describe() + ", stores from configuration";
    }

    @Override
    public Map<String, String> configuration(String namespace) {
        return fixture.configuration(namespace);
    }

    /** A store created by the provider from {@link #configuration(String)}; it owns its client. */
    @Override
    public AuditStore openStore(String namespace, Clock clock) {
        return provider.create(
                TidemarkConfig.of(
                        ConfigSource.of("the fixture's configuration of " + namespace, configuration(namespace))),
                clock);
    }

    @Override
    public CountingStore openCountingStore(String namespace, Clock clock) {
        return fixture.openCountingStore(namespace, clock);
    }

    @Override
    public RawRecords rawRecords(String namespace) {
        return fixture.rawRecords(namespace);
    }

    @Override
    public Map<String, String> unreachableConfiguration() {
        return fixture.unreachableConfiguration();
    }

    @Override
    public boolean remembersTheNewestRecord() {
        return fixture.remembersTheNewestRecord();
    }

    @Override
    public boolean commitsTransactions() {
        return fixture.commitsTransactions();
    }

    @Override
    public Optional<TransactionalWrites> transactionalWrites(String namespace) {
        return fixture.transactionalWrites(namespace);
    }

    /** Leaves the underlying fixture open: its owner closes it. */
    @Override
    public void close() {}
}
