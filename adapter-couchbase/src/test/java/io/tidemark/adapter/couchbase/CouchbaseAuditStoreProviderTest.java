package io.tidemark.adapter.couchbase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.tidemark.adapter.couchbase.testing.CouchbaseMockServer;
import io.tidemark.adapter.couchbase.testing.RawAuditDocuments;
import io.tidemark.core.ConfigSource;
import io.tidemark.core.TidemarkConfig;
import io.tidemark.core.error.ConfigurationException;
import io.tidemark.spi.AppendResult;
import io.tidemark.spi.AuditRecord;
import io.tidemark.spi.AuditStore;
import io.tidemark.spi.AuditStoreProvider;
import io.tidemark.tck.TestRecords;
import java.time.Clock;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

/** The {@code couchbase} provider: its keys, its errors, masking, and a working store from configuration. */
class CouchbaseAuditStoreProviderTest {

    private static final String SECRET = "s3cret-pa55word";
    private static final String NOWHERE = "couchbase://db1.invalid,db2.invalid";

    private final CouchbaseAuditStoreProvider provider = new CouchbaseAuditStoreProvider();

    private static Map<String, String> minimal() {
        return new HashMap<>(Map.of(
                CouchbaseAuditStoreProvider.CONNECTION_STRING,
                NOWHERE,
                CouchbaseAuditStoreProvider.USERNAME,
                "tidemark-user",
                CouchbaseAuditStoreProvider.PASSWORD,
                SECRET,
                CouchbaseAuditStoreProvider.BUCKET,
                "audit"));
    }

    private static TidemarkConfig config(Map<String, String> values) {
        return TidemarkConfig.of(ConfigSource.of("test properties", values));
    }

    /** Found by {@link ServiceLoader}: through {@code provides} on the module path, {@code META-INF/services} on the class path. */
    @Test
    void isRegisteredUnderItsName() {
        getClass().getModule().addUses(AuditStoreProvider.class);
        AuditStoreProvider found = ServiceLoader.load(
                        AuditStoreProvider.class, getClass().getClassLoader())
                .stream()
                .map(ServiceLoader.Provider::get)
                .filter(p -> p.name().equals("couchbase"))
                .findFirst()
                .orElseThrow();

        assertThat(found).isInstanceOf(CouchbaseAuditStoreProvider.class);
    }

    @Test
    void listsEveryKeyItReads() {
        assertThat(provider.keys())
                .containsExactlyInAnyOrder(
                        "tidemark.couchbase.connection-string",
                        "tidemark.couchbase.username",
                        "tidemark.couchbase.password",
                        "tidemark.couchbase.bucket",
                        "tidemark.couchbase.scope",
                        "tidemark.couchbase.collection",
                        "tidemark.couchbase.key-prefix",
                        "tidemark.couchbase.durability",
                        "tidemark.couchbase.auto-create",
                        "tidemark.couchbase.page-size",
                        "tidemark.couchbase.timeout",
                        "tidemark.couchbase.connect-timeout");
    }

    @Test
    void createsAStoreWithoutConnectingAndDescribesItWithoutTheSecret() {
        Map<String, String> values = minimal();
        values.put(CouchbaseAuditStoreProvider.SCOPE, "ops");
        values.put(CouchbaseAuditStoreProvider.COLLECTION, "changes");
        TidemarkConfig config = config(values);

        try (AuditStore store = provider.create(config, Clock.systemUTC())) {
            assertThat(store.describe())
                    .contains(NOWHERE, "bucket 'audit'", "ops.changes")
                    .doesNotContain(SECRET);
            assertThat(store.toString()).doesNotContain(SECRET);
        }
        assertThat(config.toString())
                .contains("tidemark.couchbase.password=****")
                .doesNotContain(SECRET);
    }

    @Test
    void defaultsToTheDefaultCollection() {
        try (AuditStore store = provider.create(config(minimal()), Clock.systemUTC())) {
            assertThat(store.describe()).contains("collection '_default._default'", "key prefix 'tidemark'");
        }
    }

    @Test
    void eachMissingRequiredKeyIsNamedWithWhereToSetIt() {
        for (String key : new String[] {
            CouchbaseAuditStoreProvider.CONNECTION_STRING,
            CouchbaseAuditStoreProvider.USERNAME,
            CouchbaseAuditStoreProvider.PASSWORD,
            CouchbaseAuditStoreProvider.BUCKET
        }) {
            Map<String, String> values = minimal();
            values.remove(key);

            TidemarkConfig library =
                    TidemarkConfig.load(new ClassLoader(null) {}).overriddenBy(ConfigSource.of("test", values));
            ConfigurationException error = catchThrowableOfType(
                    ConfigurationException.class, () -> provider.create(library, Clock.systemUTC()));

            assertThat(error)
                    .as(key)
                    .hasMessageContaining("Missing configuration " + key)
                    .hasMessageContaining("-D" + key + "=...")
                    .hasMessageContaining(ConfigSource.environmentName(key))
                    .hasMessageNotContaining(SECRET);
        }
    }

    @Test
    void everyMissingRequiredKeyIsReportedAtOnce() {
        ConfigurationException error = catchThrowableOfType(
                ConfigurationException.class, () -> provider.create(config(Map.of()), Clock.systemUTC()));

        assertThat(error.problems()).hasSize(4);
        assertThat(error.problems())
                .anySatisfy(p -> assertThat(p)
                        .contains(
                                "Missing configuration " + CouchbaseAuditStoreProvider.CONNECTION_STRING,
                                "couchbase://host"));
        for (String key : new String[] {
            CouchbaseAuditStoreProvider.USERNAME,
            CouchbaseAuditStoreProvider.PASSWORD,
            CouchbaseAuditStoreProvider.BUCKET
        }) {
            assertThat(error.problems())
                    .as(key)
                    .anySatisfy(p -> assertThat(p).contains("Missing configuration " + key));
        }
    }

    @Test
    void everyInvalidKeyIsReportedAtOnceWithoutTheSecret() {
        Map<String, String> values = new HashMap<>(Map.of(
                CouchbaseAuditStoreProvider.CONNECTION_STRING, "http://db1",
                CouchbaseAuditStoreProvider.PASSWORD, SECRET,
                CouchbaseAuditStoreProvider.BUCKET, " ",
                CouchbaseAuditStoreProvider.KEY_PREFIX, "has spaces",
                CouchbaseAuditStoreProvider.DURABILITY, "ALWAYS",
                CouchbaseAuditStoreProvider.AUTO_CREATE, "maybe",
                CouchbaseAuditStoreProvider.PAGE_SIZE, "0",
                CouchbaseAuditStoreProvider.TIMEOUT, "0s",
                CouchbaseAuditStoreProvider.CONNECT_TIMEOUT, "forever"));

        ConfigurationException error = catchThrowableOfType(
                ConfigurationException.class, () -> provider.create(config(values), Clock.systemUTC()));

        assertThat(error.problems()).as(error.getMessage()).hasSize(9);
        for (String key : new String[] {
            CouchbaseAuditStoreProvider.CONNECTION_STRING,
            CouchbaseAuditStoreProvider.USERNAME,
            CouchbaseAuditStoreProvider.BUCKET,
            CouchbaseAuditStoreProvider.KEY_PREFIX,
            CouchbaseAuditStoreProvider.DURABILITY,
            CouchbaseAuditStoreProvider.AUTO_CREATE,
            CouchbaseAuditStoreProvider.PAGE_SIZE,
            CouchbaseAuditStoreProvider.TIMEOUT,
            CouchbaseAuditStoreProvider.CONNECT_TIMEOUT
        }) {
            assertThat(error.problems())
                    .as(key)
                    .anySatisfy(problem -> assertThat(problem).contains(key));
        }
        assertThat(error).hasMessageNotContaining(SECRET);
    }

    @Test
    void aConnectionStringWithoutHostsIsRejected() {
        Map<String, String> values = minimal();
        values.put(CouchbaseAuditStoreProvider.CONNECTION_STRING, "couchbase://");

        ConfigurationException error = catchThrowableOfType(
                ConfigurationException.class, () -> provider.create(config(values), Clock.systemUTC()));

        assertThat(error)
                .hasMessageContaining(CouchbaseAuditStoreProvider.CONNECTION_STRING)
                .hasMessageContaining("Expected at least one address")
                .hasMessageContaining("couchbase://host");
    }

    @Test
    void aMalformedConnectionStringIsNamedWithWhatIsWrongAndAnExample() {
        Map<String, String> whatIsWrong = Map.of(
                "http://db1", "Expected scheme to be one of [couchbase, couchbases, couchbase2] but got: http",
                "couchbase://db1:notaport", "Malformed address: db1:notaport",
                "couchbase//db1", "'couchbase//db1' is not a host name or address",
                "couchbase://db1/audit", "the bucket is set by tidemark.couchbase.bucket",
                "db1 db2", "'db1 db2' is not a host name or address",
                "couchbase://db1:99999", "port 99999 of host 'db1' is out of range",
                "couchbase://db1=kv2", "Unsupported port type",
                "couchbase://db1?no.such.setting=1", "a parameter after '?' is not a setting of the Couchbase client",
                ",", "Expected at least one address, but found none. Expected");
        whatIsWrong.forEach((connectionString, reason) -> {
            Map<String, String> values = minimal();
            values.put(CouchbaseAuditStoreProvider.CONNECTION_STRING, connectionString);

            Throwable error = catchThrowable(() -> provider.create(config(values), Clock.systemUTC()));

            assertThat(error)
                    .as(connectionString)
                    .isExactlyInstanceOf(ConfigurationException.class)
                    .hasNoCause()
                    .hasMessageContaining("Invalid configuration " + CouchbaseAuditStoreProvider.CONNECTION_STRING
                            + " = '" + connectionString + "'")
                    .hasMessageContaining(reason)
                    .hasMessageContaining("such as couchbase://host");
        });
    }

    @Test
    void credentialsInTheConnectionStringAreRefusedWithoutShowingThePassword() {
        for (String connectionString :
                new String[] {"couchbase://ops:" + SECRET + "@db1", "couchbase://ops:" + SECRET + "@w@[::1"}) {
            Map<String, String> values = minimal();
            values.put(CouchbaseAuditStoreProvider.CONNECTION_STRING, connectionString);

            ConfigurationException error = catchThrowableOfType(
                    ConfigurationException.class, () -> provider.create(config(values), Clock.systemUTC()));

            assertThat(error)
                    .as(connectionString)
                    .hasMessageContaining(CouchbaseAuditStoreProvider.USERNAME)
                    .hasMessageContaining(CouchbaseAuditStoreProvider.PASSWORD)
                    .hasMessageNotContaining(SECRET)
                    .hasMessageNotContaining("w@[")
                    .hasMessageContaining("such as couchbase://host");
        }
    }

    @Test
    void wellFormedConnectionStringsAreAccepted() {
        for (String connectionString : new String[] {
            "couchbase://db1",
            "couchbases://db1.example.com,db2.example.com",
            "db1:11210",
            "couchbase://[::1]:11210=kv",
            "couchbase://127.0.0.1:1234=kv,127.0.0.1:5678=manager",
            "couchbase://db_1?io.numKvConnections=2"
        }) {
            Map<String, String> values = minimal();
            values.put(CouchbaseAuditStoreProvider.CONNECTION_STRING, connectionString);

            try (AuditStore store = provider.create(config(values), Clock.systemUTC())) {
                assertThat(store.describe()).as(connectionString).contains(connectionString);
            }
        }
    }

    @Test
    void anUnknownDurabilityLevelListsTheChoices() {
        Map<String, String> values = minimal();
        values.put(CouchbaseAuditStoreProvider.DURABILITY, "ALWAYS");

        ConfigurationException error = catchThrowableOfType(
                ConfigurationException.class, () -> provider.create(config(values), Clock.systemUTC()));

        assertThat(error)
                .hasMessageContaining(CouchbaseAuditStoreProvider.DURABILITY)
                .hasMessageContaining("ALWAYS")
                .hasMessageContaining("MAJORITY")
                .hasMessageContaining("NONE");
    }

    @Test
    void invalidNamesAndSizesAreConfigurationErrors() {
        Map<Map.Entry<String, String>, String> cases = Map.of(
                Map.entry(CouchbaseAuditStoreProvider.KEY_PREFIX, "has spaces"), "key prefix",
                Map.entry(CouchbaseAuditStoreProvider.PAGE_SIZE, "0"), "page size",
                Map.entry(CouchbaseAuditStoreProvider.TIMEOUT, "0s"), CouchbaseAuditStoreProvider.TIMEOUT,
                Map.entry(CouchbaseAuditStoreProvider.TIMEOUT, "99999999999999999999m"), "from 1ms to 10m",
                Map.entry(CouchbaseAuditStoreProvider.CONNECT_TIMEOUT, "11m"), "from 1ms to 10m",
                Map.entry(CouchbaseAuditStoreProvider.AUTO_CREATE, "maybe"), CouchbaseAuditStoreProvider.AUTO_CREATE,
                Map.entry(CouchbaseAuditStoreProvider.BUCKET, " "), "bucket");
        cases.forEach((setting, named) -> {
            Map<String, String> values = minimal();
            values.put(setting.getKey(), setting.getValue());

            ConfigurationException error = catchThrowableOfType(
                    ConfigurationException.class, () -> provider.create(config(values), Clock.systemUTC()));

            assertThat(error).as(setting.toString()).hasMessageContaining(named);
        });
    }

    @Test
    void aStoreFromConfigurationWorksAndUsesItsKeyPrefix() {
        CouchbaseMockServer server = CouchbaseMockServer.shared();
        String chain = "provider-"
                + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
        Map<String, String> values = Map.of(
                CouchbaseAuditStoreProvider.CONNECTION_STRING, server.connectionString(),
                CouchbaseAuditStoreProvider.USERNAME, server.username(),
                CouchbaseAuditStoreProvider.PASSWORD, server.password(),
                CouchbaseAuditStoreProvider.BUCKET, server.bucket(),
                CouchbaseAuditStoreProvider.KEY_PREFIX, "tm-provider",
                CouchbaseAuditStoreProvider.PAGE_SIZE, "7",
                CouchbaseAuditStoreProvider.DURABILITY, "none");
        AuditRecord first = TestRecords.applied(chain, 1, AuditRecord.GENESIS_HASH);

        try (AuditStore store = provider.create(config(values), Clock.systemUTC())) {
            store.initialize();
            assertThat(store.append(first)).isEqualTo(new AppendResult.Appended(1));
            assertThat(store.history().tip(chain)).contains(first);
        }

        RawAuditDocuments raw =
                new RawAuditDocuments(server.cluster().bucket(server.bucket()).defaultCollection(), "tm-provider");
        assertThat(raw.record(chain, 1)).isPresent();
        assertThat(raw.tipHintSeq(chain)).contains(1L);
    }
}
