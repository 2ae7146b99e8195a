package io.tidemark.spring.boot.autoconfigure;

import com.mongodb.ConnectionString;
import com.mongodb.client.MongoClient;
import io.tidemark.adapter.mongodb.MongoAuditStore;
import io.tidemark.adapter.mongodb.MongoAuditStoreProvider;
import io.tidemark.core.TidemarkConfig;
import io.tidemark.core.error.ConfigurationException;
import io.tidemark.spi.AuditStore;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * The MongoDB store around the application's {@link MongoClient} bean. The database is
 * {@code tidemark.mongodb.database}, else Spring Boot's {@code spring.mongodb.database}, else the
 * database in the path of {@code spring.mongodb.uri}; the collections and {@code auto-create} come from
 * the adapter's keys. The client's own settings (timeouts, credentials) apply as they are.
 */
final class MongoClientStoreSource implements ClientStoreSource {

    private final ObjectProvider<MongoClient> clients;
    private final ConfigurableEnvironment environment;

    MongoClientStoreSource(ObjectProvider<MongoClient> clients, ConfigurableEnvironment environment) {
        this.clients = clients;
        this.environment = environment;
    }

    @Override
    public String storeName() {
        return "mongodb";
    }

    @Override
    public String clientType() {
        return MongoClient.class.getName();
    }

    @Override
    public List<String> connectionKeys() {
        return List.of(MongoAuditStoreProvider.URI);
    }

    @Override
    public List<String> connectionSettings() {
        return List.of(MongoAuditStoreProvider.CONNECT_TIMEOUT);
    }

    @Override
    public String clientSettingsHint() {
        return "with Spring Boot's client, spring.mongodb.uri's connectTimeoutMS or a MongoClientSettingsBuilderCustomizer";
    }

    @Override
    public boolean hasClient() {
        return clients.getIfUnique() != null;
    }

    @Override
    public AuditStore create(TidemarkConfig config, Clock clock) {
        String database = config.get(MongoAuditStoreProvider.DATABASE)
                .or(() -> SpringEnvironmentConfiguration.property(environment, "spring.mongodb.database"))
                .or(() -> SpringEnvironmentConfiguration.property(environment, "spring.mongodb.uri")
                        .flatMap(MongoClientStoreSource::databaseOf))
                .orElseThrow(() -> new ConfigurationException("Missing configuration "
                        + MongoAuditStoreProvider.DATABASE
                        + " (the MongoDB database holding Tidemark's collections, reached through the application's "
                        + "MongoClient bean): set " + config.whereToSet(MongoAuditStoreProvider.DATABASE) + "."));
        MongoAuditStore.Builder builder =
                MongoAuditStore.builder(clients.getObject(), database).clock(clock);
        config.get(MongoAuditStoreProvider.AUDIT_COLLECTION).ifPresent(builder::auditCollection);
        config.get(MongoAuditStoreProvider.LOCK_COLLECTION).ifPresent(builder::lockCollection);
        config.getBoolean(MongoAuditStoreProvider.AUTO_CREATE).ifPresent(builder::autoCreate);
        return builder.build();
    }

    private static Optional<String> databaseOf(String uri) {
        try {
            return Optional.ofNullable(new ConnectionString(uri).getDatabase());
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
