package io.tidemark.examples.quickstart;

import io.tidemark.core.TidemarkBuilder;
import io.tidemark.core.TidemarkConfig;
import io.tidemark.spi.AuditStore;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The database the quickstart's change units work on (and, by default, where the audit log goes):
 * a server the quickstart starts, or one whose address configuration gives. Closing it stops what it
 * started.
 */
sealed interface Target extends AutoCloseable permits MongoTarget, DynamoDbTarget {

    /** Starts (or connects to) the target {@code settings} ask for. */
    static Target start(QuickstartSettings settings) {
        return switch (settings.backend()) {
            case MONGODB ->
                settings.mongoUri().map(MongoTarget::connect).orElseGet(() -> MongoTarget.serve(settings.dataDir()));
            case DYNAMODB ->
                settings.endpoint()
                        .map(endpoint -> DynamoDbTarget.connect(endpoint, settings.region()))
                        .orElseGet(() -> DynamoDbTarget.serve(settings.dataDir()));
        };
    }

    /** For people: what runs where. */
    String description();

    /** The name {@code tidemark.store} gives a store on this kind of database. */
    String storeName();

    /** The package holding the change units written for this database. */
    String changesPackage();

    /** {@code builder} with what the change units receive registered as dependencies. */
    TidemarkBuilder withDependencies(TidemarkBuilder builder);

    /** The audit store on this same database, built in code; honours the naming keys in {@code config}. */
    AuditStore auditStoreInCode(TidemarkConfig config);

    /**
     * The keys that a separate process (the command line) needs to reach {@link #auditStoreInCode}
     * built with {@code config}.
     */
    Map<String, String> inCodeStoreConfiguration(TidemarkConfig config);

    /**
     * The keys that point a store of this kind, created from configuration, at this target: the
     * fallback for {@code tidemark.store} naming this kind without an address of its own.
     */
    Map<String, String> addressConfiguration();

    /** Where a started server keeps its data for the next run; empty when in memory or not started here. */
    Optional<Path> dataLocation();

    /** The orders of {@code customerId}, oldest first, as the change units left them. */
    List<Order> ordersOf(String customerId);

    /** Stops what was started here; safe to call twice. */
    @Override
    void close();
}
