package io.tidemark.adapter.mongodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
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
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

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
        return catchThrowableOfType(
                ConfigurationException.class, () -> new MongoAuditStoreProvider().create(config, Clock.systemUTC()));
    }

    @Test
    void isFoundOnTheClassPathAsMongodb() {
        assertThat(ServiceLoader.load(AuditStoreProvider.class, getClass().getClassLoader()).stream()
                        .map(ServiceLoader.Provider::get))
                .anyMatch(MongoAuditStoreProvider.class::isInstance);
        try (OperatorApi operator = Tidemark.builder()
                .configuration(config(
                        "tidemark.store",
                        "MongoDB",
                        MongoAuditStoreProvider.URI,
                        mongo.connectionString() + "/by_name"))
                .buildOperator()) {
            assertThat(operator.store()).isInstanceOf(MongoAuditStore.class);
        }
    }

    @Test
    void namesItsKeys() {
        MongoAuditStoreProvider provider = new MongoAuditStoreProvider();

        assertThat(provider.name()).isEqualTo("mongodb");
        assertThat(provider.keys())
                .containsExactlyInAnyOrder(
                        "tidemark.mongodb.uri",
                        "tidemark.mongodb.database",
                        "tidemark.mongodb.audit-collection",
                        "tidemark.mongodb.lock-collection",
                        "tidemark.mongodb.auto-create",
                        "tidemark.mongodb.connect-timeout");
    }

    @Test
    void aConfiguredStoreWorksEndToEnd() {
        String uri = mongo.connectionString() + "/provider_e2e";
        AuditRecord first = TestRecords.applied("c", 1, AuditRecord.GENESIS_HASH);

        try (OperatorApi operator = Tidemark.builder()
                .configuration(config("tidemark.store", "mongodb", MongoAuditStoreProvider.URI, uri))
                .buildOperator()) {
            AuditStore store = operator.store();
            assertThat(store.append(first)).isEqualTo(new AppendResult.Appended(1));
            assertThat(store.history().tip("c")).contains(first);
        }

        assertThat(MongoAuditStore.builder(mongo.client(), "provider_e2e")
                        .build()
                        .history()
                        .tip("c"))
                .contains(first);
    }

    @Test
    void theDatabaseComesFromTheKeyOrElseFromTheConnectionStringPath() {
        try (MongoAuditStore fromPath =
                        create(config(MongoAuditStoreProvider.URI, mongo.connectionString() + "/fromPath"));
                MongoAuditStore fromKey = create(config(
                        MongoAuditStoreProvider.URI,
                        mongo.connectionString() + "/fromPath",
                        MongoAuditStoreProvider.DATABASE,
                        "fromKey"))) {
            assertThat(fromPath.database()).isEqualTo("fromPath");
            assertThat(fromKey.database()).isEqualTo("fromKey");
        }
    }

    @Test
    void collectionNamesAndAutoCreateAreRead() {
        try (MongoAuditStore store = create(config(
                MongoAuditStoreProvider.URI,
                mongo.connectionString() + "/names",
                MongoAuditStoreProvider.AUDIT_COLLECTION,
                "changeAudit",
                MongoAuditStoreProvider.LOCK_COLLECTION,
                "changeLock",
                MongoAuditStoreProvider.AUTO_CREATE,
                "false"))) {
            assertThat(store.settings().auditCollection()).isEqualTo("changeAudit");
            assertThat(store.settings().lockCollection()).isEqualTo("changeLock");
            assertThat(store.settings().autoCreate()).isFalse();
            assertThat(catchThrowableOfType(ConfigurationException.class, store::initialize))
                    .hasMessageContaining("changeAudit")
                    .hasMessageContaining("changeLock");
        }
    }

    @Test
    void defaultsAreMajorityJournaledWritesMajorityReadsFromThePrimary() {
        try (MongoAuditStore store =
                create(config(MongoAuditStoreProvider.URI, mongo.connectionString() + "/defaults"))) {
            assertThat(store.settings().auditCollection()).isEqualTo("tidemarkAudit");
            assertThat(store.settings().lockCollection()).isEqualTo("tidemarkLock");
            assertThat(store.settings().autoCreate()).isTrue();
            assertThat(store.settings().writeConcern()).isEqualTo(WriteConcern.MAJORITY.withJournal(true));
            assertThat(store.settings().readConcern()).isEqualTo(ReadConcern.MAJORITY);
            assertThat(store.settings().readPreference()).isEqualTo(ReadPreference.primary());
        }
    }

    @Test
    void concernsInTheConnectionStringAsStrongAsTheDefaultsAreTaken() {
        try (MongoAuditStore store = create(
                config(
                        MongoAuditStoreProvider.URI,
                        mongo.connectionString()
                                + "/concerns?w=majority&journal=true&wtimeoutMS=2500&readConcernLevel=linearizable&readPreference=primary"))) {
            assertThat(store.settings().writeConcern())
                    .isEqualTo(WriteConcern.MAJORITY.withJournal(true).withWTimeout(2500, TimeUnit.MILLISECONDS));
            assertThat(store.settings().readConcern()).isEqualTo(ReadConcern.LINEARIZABLE);
            assertThat(store.settings().readPreference()).isEqualTo(ReadPreference.primary());
        }
    }

    @Test
    void concernsInTheConnectionStringWeakerThanMajorityAreRefusedEachWithWhatItRisks() {
        ConfigurationException error = createFails(
                config(
                        MongoAuditStoreProvider.URI,
                        "mongodb://app:" + PASSWORD
                                + "@db-1:27017/orders?w=1&journal=false&readConcernLevel=local&readPreference=primaryPreferred"));

        assertThat(error.problems())
                .hasSize(4)
                .allSatisfy(problem -> assertThat(problem)
                        .contains("tidemark.mongodb.uri", "mongodb://app:****@db-1:27017/orders", "Remove the option")
                        .doesNotContain(PASSWORD));
        assertThat(error.problems().get(0)).contains("w: 1", "failover", "w: \"majority\"");
        assertThat(error.problems().get(1)).contains("journal: false");
        assertThat(error.problems().get(2)).contains("read concern local", "majority");
        assertThat(error.problems().get(3)).contains("read preference primaryPreferred", "secondary", "primary");
    }

    @Test
    void aTagOrANumberOfMembersIsNotMajority() {
        for (String w : List.of("2", "dataCenters")) {
            ConfigurationException error =
                    createFails(config(MongoAuditStoreProvider.URI, mongo.connectionString() + "/orders?w=" + w));

            assertThat(error.problems()).singleElement().asString().contains("w: " + w, "majority");
        }
    }

    @Test
    void creatingNeedsNoConnectionAndNeverShowsThePassword() {
        String uri =
                "mongodb://deployer:" + PASSWORD + "@db-1.internal:27017,db-2.internal:27018/orders?replicaSet=rs0";

        try (MongoAuditStore store = create(config(MongoAuditStoreProvider.URI, uri))) {
            assertThat(store.describe())
                    .contains("db-1.internal:27017", "db-2.internal:27018", "orders")
                    .doesNotContain(PASSWORD)
                    .doesNotContain("deployer");
            assertThat(store.toString()).doesNotContain(PASSWORD);
        }
    }

    @Test
    void anSrvConnectionStringIsDescribedByItsRecordName() {
        try (MongoAuditStore store = create(config(
                MongoAuditStoreProvider.URI, "mongodb+srv://deployer:" + PASSWORD + "@cluster0.example.net/orders"))) {
            assertThat(store.describe())
                    .contains("mongodb+srv://cluster0.example.net", "orders")
                    .doesNotContain(PASSWORD);
        }
    }

    @Test
    void aMissingUriSaysWhereToSetIt() {
        ConfigurationException library = createFails(TidemarkConfig.load(new ClassLoader(null) {})
                .overriddenBy(ConfigSource.of("test properties", Map.of())));
        ConfigurationException ownPlaces =
                createFails(config().withWhereToSet(key -> key + "=... in the --config file"));

        assertThat(library)
                .hasMessageContaining("tidemark.mongodb.uri")
                .hasMessageContaining("-Dtidemark.mongodb.uri=")
                .hasMessageContaining("TIDEMARK_MONGODB_URI")
                .hasMessageContaining("connection string");
        assertThat(ownPlaces)
                .hasMessageContaining("set tidemark.mongodb.uri=... in the --config file")
                .hasMessageNotContaining("TIDEMARK_MONGODB_URI");
    }

    @Test
    void anInvalidUriIsNamedWithItsPasswordMasked() {
        ConfigurationException error =
                createFails(config(MongoAuditStoreProvider.URI, "mongo://admin:" + PASSWORD + "@db-1:27017/orders"));

        assertThat(error)
                .hasMessageContaining("tidemark.mongodb.uri")
                .hasMessageContaining("mongo://admin:****@db-1")
                .hasMessageContaining("mongodb://[user:password@]host")
                .hasMessageNotContaining(PASSWORD);
        assertThat(error.getCause()).isNull();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "localhost:27017",
                "http://db-1:27017",
                "mongodb://",
                "mongodb://db-1:port/app",
                "mongodb://db-1:99999/app",
                "mongodb+srv://cluster0.example.net:27017/app",
                "mongodb://db-1:27017/app?serverSelectionTimeoutMS=soon",
                "mongodb://db-1/app?readConcernLevel=bogus",
                "mongodb://db-1/app?authMechanism=FOO"
            })
    void aMalformedUriIsAConfigurationErrorWithAnExampleNeverADriverException(String uri) {
        Throwable thrown = catchThrowable(() -> new MongoAuditStoreProvider()
                .create(
                        config(MongoAuditStoreProvider.URI, uri, MongoAuditStoreProvider.DATABASE, "app"),
                        Clock.systemUTC()));

        assertThat(thrown)
                .isExactlyInstanceOf(ConfigurationException.class)
                .hasNoCause()
                .hasMessageContaining("Invalid configuration tidemark.mongodb.uri = '" + uri + "'")
                .hasMessageContaining("such as mongodb://host:27017");
        assertThat(((ConfigurationException) thrown).problems()).hasSize(1);
    }

    @Test
    void everyProblemOfTheKeysIsReportedAtOnce() {
        ConfigurationException error = createFails(config(
                MongoAuditStoreProvider.DATABASE,
                "my.db",
                MongoAuditStoreProvider.AUDIT_COLLECTION,
                "audit$",
                MongoAuditStoreProvider.LOCK_COLLECTION,
                "system.lock",
                MongoAuditStoreProvider.AUTO_CREATE,
                "sometimes",
                MongoAuditStoreProvider.CONNECT_TIMEOUT,
                "soon"));

        assertThat(error.problems()).hasSize(6);
        assertThat(error.problems().get(0))
                .contains("Missing configuration tidemark.mongodb.uri", "mongodb://host:27017");
        assertThat(error.problems().get(1)).contains("tidemark.mongodb.database", "'my.db'");
        assertThat(error.problems().get(2)).contains("tidemark.mongodb.audit-collection", "'audit$'");
        assertThat(error.problems().get(3)).contains("tidemark.mongodb.lock-collection", "'system.lock'");
        assertThat(error.problems().get(4)).contains("tidemark.mongodb.auto-create", "sometimes");
        assertThat(error.problems().get(5)).contains("tidemark.mongodb.connect-timeout", "soon", "from 100ms to 10m");
    }

    @Test
    void theWaitForAServerIsTenSecondsByDefault() {
        try (MongoAuditStore store = create(config(MongoAuditStoreProvider.URI, mongo.connectionString() + "/waits"))) {
            assertThat(store.serverWait()).contains(Duration.ofSeconds(10));
        }
    }

    @Test
    void theWaitForAServerComesFromTheKeyOrTheConnectionString() {
        try (MongoAuditStore fromKey = create(config(
                        MongoAuditStoreProvider.URI,
                        mongo.connectionString() + "/waits",
                        MongoAuditStoreProvider.CONNECT_TIMEOUT,
                        "750ms"));
                MongoAuditStore fromUri = create(config(
                        MongoAuditStoreProvider.URI,
                        mongo.connectionString() + "/waits?serverSelectionTimeoutMS=1500"));
                MongoAuditStore both = create(config(
                        MongoAuditStoreProvider.URI,
                        mongo.connectionString() + "/waits?serverSelectionTimeoutMS=2000",
                        MongoAuditStoreProvider.CONNECT_TIMEOUT,
                        "2s"))) {
            assertThat(fromKey.serverWait()).contains(Duration.ofMillis(750));
            assertThat(fromUri.serverWait()).contains(Duration.ofMillis(1500));
            assertThat(both.serverWait()).contains(Duration.ofSeconds(2));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"0s", "50ms", "11m", "1h", "-5s", "soon"})
    void aWaitOutOfRangeOrUnreadableNamesTheRange(String value) {
        ConfigurationException error = createFails(config(
                MongoAuditStoreProvider.URI,
                mongo.connectionString() + "/w",
                MongoAuditStoreProvider.CONNECT_TIMEOUT,
                value));

        assertThat(error.problems())
                .singleElement()
                .asString()
                .contains("tidemark.mongodb.connect-timeout", "'" + value + "'", "from 100ms to 10m");
    }

    @Test
    void aWaitOutOfRangeInTheConnectionStringIsNamedToo() {
        ConfigurationException error = createFails(
                config(MongoAuditStoreProvider.URI, mongo.connectionString() + "/w?serverSelectionTimeoutMS=0"));

        assertThat(error.problems())
                .singleElement()
                .asString()
                .contains(
                        "tidemark.mongodb.uri",
                        "serverSelectionTimeoutMS",
                        "from 100ms to 10m",
                        "tidemark.mongodb.connect-timeout");
    }

    @Test
    void twoDifferentWaitsAreRefused() {
        ConfigurationException error = createFails(config(
                MongoAuditStoreProvider.URI,
                mongo.connectionString() + "/w?serverSelectionTimeoutMS=500",
                MongoAuditStoreProvider.CONNECT_TIMEOUT,
                "5s"));

        assertThat(error.problems())
                .singleElement()
                .asString()
                .contains("tidemark.mongodb.connect-timeout = '5s'", "serverSelectionTimeoutMS=500", "set one of them");
    }

    @Test
    void aMissingDatabaseSaysBothWaysToGiveIt() {
        ConfigurationException error = createFails(config(MongoAuditStoreProvider.URI, mongo.connectionString()));

        assertThat(error)
                .hasMessageContaining("tidemark.mongodb.database")
                .hasMessageContaining("path of tidemark.mongodb.uri");
    }

    @Test
    void anInvalidDatabaseNameIsNamed() {
        ConfigurationException error = createFails(config(
                MongoAuditStoreProvider.URI, mongo.connectionString(), MongoAuditStoreProvider.DATABASE, "my.db"));

        assertThat(error).hasMessageContaining("tidemark.mongodb.database").hasMessageContaining("'my.db'");
    }

    @Test
    void anInvalidCollectionNameNamesItsKey() {
        ConfigurationException error = createFails(config(
                MongoAuditStoreProvider.URI,
                mongo.connectionString() + "/db",
                MongoAuditStoreProvider.LOCK_COLLECTION,
                "lock$es"));

        assertThat(error)
                .hasMessageContaining("tidemark.mongodb.lock-collection")
                .hasMessageContaining("'lock$es'")
                .hasMessageContaining("without '$'");
    }

    @Test
    void theSameNameForBothCollectionsIsRefused() {
        ConfigurationException error = createFails(config(
                MongoAuditStoreProvider.URI,
                mongo.connectionString() + "/db",
                MongoAuditStoreProvider.AUDIT_COLLECTION,
                "tidemark",
                MongoAuditStoreProvider.LOCK_COLLECTION,
                "tidemark"));

        assertThat(error).hasMessageContaining("must differ").hasMessageContaining("tidemark.mongodb.lock-collection");
    }

    @Test
    void anUnreadableAutoCreateFlagIsNamed() {
        ConfigurationException error = createFails(config(
                MongoAuditStoreProvider.URI,
                mongo.connectionString() + "/db",
                MongoAuditStoreProvider.AUTO_CREATE,
                "sometimes"));

        assertThat(error)
                .hasMessageContaining("tidemark.mongodb.auto-create")
                .hasMessageContaining("sometimes")
                .hasMessageContaining("true or false");
    }
}
