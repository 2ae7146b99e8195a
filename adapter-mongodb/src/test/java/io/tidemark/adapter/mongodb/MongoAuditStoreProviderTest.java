package io.tidemark.adapter.mongodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.mongodb.ReadConcern;
import com.mongodb.ReadPreference;
import com.mongodb.WriteConcern;
import io.tidemark.adapter.mongodb.testing.EmbeddedMongoServer;
import io.tidemark.core.ConfigSource;
import io.tidemark.core.Tidemark;
import io.tidemark.core.TidemarkConfig;
import io.tidemark.core.error.ConfigurationException;
import io.tidemark.core.operator.OperatorApi;
import io.tidemark.spi.AppendResult;
import io.tidemark.spi.AuditRecord;
import io.tidemark.spi.AuditStore;
import io.tidemark.spi.AuditStoreProvider;
import io.tidemark.tck.TestRecords;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The {@code mongodb} provider: discovery, configuration keys, defaults and every bad-input message. */
class MongoAuditStoreProviderTest {

    private static final String PASSWORD = "n0t-for-logs";

    private static EmbeddedMongoServer mongo;

    @BeforeAll
    static void startServer() {
        mongo = EmbeddedMongoServer.start();
    }

    @AfterAll
    static void stopServer() {
        mongo.close();
    }

    private static TidemarkConfig config(String... keysAndValues) {
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            values.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return TidemarkConfig.of(ConfigSource.of("test properties", values));
    }

    private static MongoAuditStore create(TidemarkConfig config) {
        return (MongoAuditStore) new MongoAuditStoreProvider().create(config, Clock.systemUTC());
    }

    private static ConfigurationException createFails(TidemarkConfig config) {
        return catchThrowableOfType(ConfigurationException.class, () -> new MongoAuditStoreProvider().create(config, Clock.systemUTC()));
    }

    @Test
    void isFoundOnTheClassPathAsMongodb() {
        assertThat(ServiceLoader.load(AuditStoreProvider.class, getClass().getClassLoader()).stream()
                .map(ServiceLoader.Provider::get)).anyMatch(MongoAuditStoreProvider.class::isInstance);
        try (OperatorApi operator = Tidemark.builder().configuration(config("tidemark.store", "MongoDB",
                MongoAuditStoreProvider.URI, mongo.connectionString() + "/by_name")).buildOperator()) {
            assertThat(operator.store()).isInstanceOf(MongoAuditStore.class);
        }
    }

    @Test
    void namesItsKeys() {
        MongoAuditStoreProvider provider = new MongoAuditStoreProvider();

        assertThat(provider.name()).isEqualTo("mongodb");
        assertThat(provider.keys()).containsExactlyInAnyOrder("tidemark.mongodb.uri", "tidemark.mongodb.database",
                "tidemark.mongodb.audit-collection", "tidemark.mongodb.lock-collection", "tidemark.mongodb.auto-create");
    }

    @Test
    void aConfiguredStoreWorksEndToEnd() {
        String uri = mongo.connectionString() + "/provider_e2e";
        AuditRecord first = TestRecords.applied("c", 1, AuditRecord.GENESIS_HASH);

        try (OperatorApi operator = Tidemark.builder().configuration(config("tidemark.store", "mongodb",
                MongoAuditStoreProvider.URI, uri)).buildOperator()) {
            AuditStore store = operator.store();
            assertThat(store.append(first)).isEqualTo(new AppendResult.Appended(1));
            assertThat(store.history().tip("c")).contains(first);
        }

        assertThat(new MongoAuditStore(mongo.client(), "provider_e2e").history().tip("c")).contains(first);
    }

    @Test
    void theDatabaseComesFromTheKeyOrElseFromTheConnectionStringPath() {
        try (MongoAuditStore fromPath = create(config(MongoAuditStoreProvider.URI, mongo.connectionString() + "/fromPath"));
             MongoAuditStore fromKey = create(config(MongoAuditStoreProvider.URI, mongo.connectionString() + "/fromPath",
                     MongoAuditStoreProvider.DATABASE, "fromKey"))) {
            assertThat(fromPath.database()).isEqualTo("fromPath");
            assertThat(fromKey.database()).isEqualTo("fromKey");
        }
    }

    @Test
    void collectionNamesAndAutoCreateAreRead() {
        try (MongoAuditStore store = create(config(MongoAuditStoreProvider.URI, mongo.connectionString() + "/names",
                MongoAuditStoreProvider.AUDIT_COLLECTION, "changeAudit",
                MongoAuditStoreProvider.LOCK_COLLECTION, "changeLock",
                MongoAuditStoreProvider.AUTO_CREATE, "false"))) {
            assertThat(store.options().auditCollection()).isEqualTo("changeAudit");
            assertThat(store.options().lockCollection()).isEqualTo("changeLock");
            assertThat(store.options().autoCreate()).isFalse();
            assertThat(catchThrowableOfType(ConfigurationException.class, store::initialize))
                    .hasMessageContaining("changeAudit").hasMessageContaining("changeLock");
        }
    }

    @Test
    void defaultsAreMajorityJournaledWritesMajorityReadsFromThePrimary() {
        try (MongoAuditStore store = create(config(MongoAuditStoreProvider.URI, mongo.connectionString() + "/defaults"))) {
            assertThat(store.options().auditCollection()).isEqualTo("tidemarkAudit");
            assertThat(store.options().lockCollection()).isEqualTo("tidemarkLock");
            assertThat(store.options().autoCreate()).isTrue();
            assertThat(store.options().writeConcern()).isEqualTo(WriteConcern.MAJORITY.withJournal(true));
            assertThat(store.options().readConcern()).isEqualTo(ReadConcern.MAJORITY);
            assertThat(store.options().readPreference()).isEqualTo(ReadPreference.primary());
        }
    }

    @Test
    void concernsSetInTheConnectionStringReplaceTheDefaults() {
        try (MongoAuditStore store = create(config(MongoAuditStoreProvider.URI, mongo.connectionString()
                + "/concerns?w=1&journal=false&readConcernLevel=local&readPreference=primaryPreferred"))) {
            assertThat(store.options().writeConcern()).isEqualTo(WriteConcern.W1.withJournal(false));
            assertThat(store.options().readConcern()).isEqualTo(ReadConcern.LOCAL);
            assertThat(store.options().readPreference()).isEqualTo(ReadPreference.primaryPreferred());
        }
    }

    @Test
    void creatingNeedsNoConnectionAndNeverShowsThePassword() {
        String uri = "mongodb://deployer:" + PASSWORD + "@db-1.internal:27017,db-2.internal:27018/orders?replicaSet=rs0";

        try (MongoAuditStore store = create(config(MongoAuditStoreProvider.URI, uri))) {
            assertThat(store.describe()).contains("db-1.internal:27017", "db-2.internal:27018", "orders")
                    .doesNotContain(PASSWORD).doesNotContain("deployer");
            assertThat(store.toString()).doesNotContain(PASSWORD);
        }
    }

    @Test
    void anSrvConnectionStringIsDescribedByItsRecordName() {
        try (MongoAuditStore store = create(config(MongoAuditStoreProvider.URI,
                "mongodb+srv://deployer:" + PASSWORD + "@cluster0.example.net/orders"))) {
            assertThat(store.describe()).contains("mongodb+srv://cluster0.example.net", "orders").doesNotContain(PASSWORD);
        }
    }

    @Test
    void aMissingUriSaysWhereToSetIt() {
        ConfigurationException error = createFails(config());

        assertThat(error).hasMessageContaining("tidemark.mongodb.uri").hasMessageContaining("TIDEMARK_MONGODB_URI")
                .hasMessageContaining("connection string");
    }

    @Test
    void anInvalidUriIsNamedWithItsPasswordMasked() {
        ConfigurationException error = createFails(config(MongoAuditStoreProvider.URI,
                "mongo://admin:" + PASSWORD + "@db-1:27017/orders"));

        assertThat(error).hasMessageContaining("tidemark.mongodb.uri").hasMessageContaining("mongo://admin:****@db-1")
                .hasMessageContaining("mongodb://[user:password@]host").hasMessageNotContaining(PASSWORD);
        assertThat(error.getCause()).isNull();
    }

    @Test
    void aMissingDatabaseSaysBothWaysToGiveIt() {
        ConfigurationException error = createFails(config(MongoAuditStoreProvider.URI, mongo.connectionString()));

        assertThat(error).hasMessageContaining("tidemark.mongodb.database").hasMessageContaining("path of tidemark.mongodb.uri");
    }

    @Test
    void anInvalidDatabaseNameIsNamed() {
        ConfigurationException error = createFails(config(MongoAuditStoreProvider.URI, mongo.connectionString(),
                MongoAuditStoreProvider.DATABASE, "my.db"));

        assertThat(error).hasMessageContaining("tidemark.mongodb.database").hasMessageContaining("'my.db'");
    }

    @Test
    void anInvalidCollectionNameNamesItsKey() {
        ConfigurationException error = createFails(config(MongoAuditStoreProvider.URI, mongo.connectionString() + "/db",
                MongoAuditStoreProvider.LOCK_COLLECTION, "lock$es"));

        assertThat(error).hasMessageContaining("tidemark.mongodb.lock-collection").hasMessageContaining("'lock$es'")
                .hasMessageContaining("without '$'");
    }

    @Test
    void theSameNameForBothCollectionsIsRefused() {
        ConfigurationException error = createFails(config(MongoAuditStoreProvider.URI, mongo.connectionString() + "/db",
                MongoAuditStoreProvider.AUDIT_COLLECTION, "tidemark", MongoAuditStoreProvider.LOCK_COLLECTION, "tidemark"));

        assertThat(error).hasMessageContaining("must differ").hasMessageContaining("tidemark.mongodb.lock-collection");
    }

    @Test
    void anUnreadableAutoCreateFlagIsNamed() {
        ConfigurationException error = createFails(config(MongoAuditStoreProvider.URI, mongo.connectionString() + "/db",
                MongoAuditStoreProvider.AUTO_CREATE, "sometimes"));

        assertThat(error).hasMessageContaining("tidemark.mongodb.auto-create").hasMessageContaining("sometimes")
                .hasMessageContaining("true or false");
    }
}
