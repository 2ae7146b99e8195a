package io.tidemark.adapter.mongodb;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.MongoException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.tidemark.core.TidemarkConfig;
import io.tidemark.core.error.ConfigurationException;
import io.tidemark.spi.AuditStore;
import io.tidemark.spi.AuditStoreProvider;
import io.tidemark.spi.support.Secrets;
import java.time.Clock;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code mongodb} store ({@code tidemark.store=mongodb}), built from configuration:
 *
 * <table>
 *   <caption>Configuration keys</caption>
 *   <tr><th>key</th><th>meaning</th><th>default</th></tr>
 *   <tr><td>{@value #URI}</td><td>connection string, {@code mongodb://} or {@code mongodb+srv://}; its
 *       {@code w}, {@code journal}, {@code readConcernLevel} and {@code readPreference} options replace
 *       the store's defaults when present</td><td>required</td></tr>
 *   <tr><td>{@value #DATABASE}</td><td>database holding the collections</td><td>the database in the
 *       connection string's path</td></tr>
 *   <tr><td>{@value #AUDIT_COLLECTION}</td><td>audit collection</td><td>{@code tidemarkAudit}</td></tr>
 *   <tr><td>{@value #LOCK_COLLECTION}</td><td>lock collection</td><td>{@code tidemarkLock}</td></tr>
 *   <tr><td>{@value #AUTO_CREATE}</td><td>create the collections and the unique index; false only
 *       verifies them</td><td>true</td></tr>
 * </table>
 *
 * <p>Creating the store opens no connection (the driver connects on first use). The store owns
 * its client and closes it. The password of the connection string appears nowhere: not in
 * {@link AuditStore#describe()}, messages or logs.
 */
public final class MongoAuditStoreProvider implements AuditStoreProvider {

    public static final String URI = "tidemark.mongodb.uri";
    public static final String DATABASE = "tidemark.mongodb.database";
    public static final String AUDIT_COLLECTION = "tidemark.mongodb.audit-collection";
    public static final String LOCK_COLLECTION = "tidemark.mongodb.lock-collection";
    public static final String AUTO_CREATE = "tidemark.mongodb.auto-create";

    /** Application name the store's client announces to the server when the connection string sets none. */
    static final String APPLICATION_NAME = "tidemark";

    @Override
    public String name() {
        return "mongodb";
    }

    @Override
    public Set<String> keys() {
        return Set.of(URI, DATABASE, AUDIT_COLLECTION, LOCK_COLLECTION, AUTO_CREATE);
    }

    @Override
    public AuditStore create(TidemarkConfig config, Clock clock) {
        ConnectionString connection = connectionString(config);
        String database = database(config, connection);
        MongoStoreOptions options = options(config, connection, clock);
        MongoLocation location = MongoLocation.of(connection, database);
        MongoClientSettings.Builder settings = MongoClientSettings.builder().applyConnectionString(connection);
        if (connection.getApplicationName() == null) {
            settings.applicationName(APPLICATION_NAME);
        }
        MongoClient client;
        try {
            client = MongoClients.create(settings.build());
        } catch (MongoException | IllegalArgumentException e) {
            boolean credentials = connection.getPassword() != null;
            throw new ConfigurationException("Cannot create a MongoDB client for " + location.describe() + " from "
                    + URI + ": " + (credentials ? e.getClass().getSimpleName() + " (the driver's reason is not shown, as "
                    + "it may quote the credentials); check the connection string's options" : MongoFailures.detail(e)));
        }
        return MongoAuditStore.owning(client, location, options);
    }

    private static ConnectionString connectionString(TidemarkConfig config) {
        String uri = config.require(URI, "the MongoDB connection string, e.g. mongodb://user:password@host:27017/app");
        try {
            return new ConnectionString(uri);
        } catch (IllegalArgumentException | MongoException e) {
            // No cause attached, and with credentials in the string not even the driver's text: it may quote
            // pieces of the connection string, the password included (two characters after an invalid '%').
            String masked = Secrets.maskUriPasswords(uri);
            String reason = masked.equals(uri) ? Secrets.maskUriPasswords(String.valueOf(e.getMessage()))
                    : "the driver refused it (its reason is not shown, as it may quote the password). Check the syntax; "
                    + "in the user name and password, percent-encode the characters % @ : / ? # [ ] (as %25, %40, "
                    + "%3A, %2F, %3F, %23, %5B, %5D)";
            throw new ConfigurationException("Invalid configuration " + URI + " = '" + masked + "': " + reason
                    + ". Expected mongodb://[user:password@]host[:port][,host2...][/database][?options] or "
                    + "mongodb+srv://...");
        }
    }

    private static String database(TidemarkConfig config, ConnectionString connection) {
        Optional<String> database = config.get(DATABASE).or(() -> Optional.ofNullable(connection.getDatabase()));
        if (database.isEmpty()) {
            throw new ConfigurationException("Missing configuration " + DATABASE + " (the MongoDB database holding "
                    + "Tidemark's collections): set it (" + config.whereToSet(DATABASE) + "), or name the database "
                    + "in the path of " + URI + " (mongodb://host:27017/app)");
        }
        try {
            return MongoAuditStore.checkDatabaseName(database.get());
        } catch (ConfigurationException e) {
            throw new ConfigurationException("Invalid configuration " + DATABASE + ": " + e.getMessage());
        }
    }

    private static MongoStoreOptions options(TidemarkConfig config, ConnectionString connection, Clock clock) {
        MongoStoreOptions.Builder options = MongoStoreOptions.builder().clock(clock)
                .auditCollection(collection(config, AUDIT_COLLECTION, "audit collection",
                        MongoStoreOptions.DEFAULT_AUDIT_COLLECTION))
                .lockCollection(collection(config, LOCK_COLLECTION, "lock collection",
                        MongoStoreOptions.DEFAULT_LOCK_COLLECTION))
                .autoCreate(config.getBoolean(AUTO_CREATE).orElse(true));
        if (connection.getWriteConcern() != null) {
            options.writeConcern(connection.getWriteConcern());
        }
        if (connection.getReadConcern() != null) {
            options.readConcern(connection.getReadConcern());
        }
        if (connection.getReadPreference() != null) {
            options.readPreference(connection.getReadPreference());
        }
        try {
            return options.build();
        } catch (ConfigurationException e) {
            throw new ConfigurationException("Invalid configuration of " + AUDIT_COLLECTION + " and " + LOCK_COLLECTION
                    + ": " + e.getMessage());
        }
    }

    private static String collection(TidemarkConfig config, String key, String what, String defaultName) {
        String name = config.get(key).orElse(defaultName);
        try {
            MongoStoreOptions.checkCollectionName(what, name);
        } catch (ConfigurationException e) {
            throw new ConfigurationException("Invalid configuration " + key + ": " + e.getMessage());
        }
        return name;
    }
}
