package io.tidemark.adapter.couchbase;

import static org.assertj.core.api.Assertions.assertThat;
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
                CouchbaseAuditStoreProvider.CONNECTION_STRING, NOWHERE,
                CouchbaseAuditStoreProvider.USERNAME, "tidemark-user",
                CouchbaseAuditStoreProvider.PASSWORD, SECRET,
                CouchbaseAuditStoreProvider.BUCKET, "audit"));
    }

    private static TidemarkConfig config(Map<String, String> values) {
        return TidemarkConfig.of(ConfigSource.of("test properties", values));
    }

    @Test
    void isRegisteredUnderItsName() {
        AuditStoreProvider found = ServiceLoader.load(AuditStoreProvider.class, getClass().getClassLoader()).stream()
                .map(ServiceLoader.Provider::get).filter(p -> p.name().equals("couchbase")).findFirst().orElseThrow();

        assertThat(found).isInstanceOf(CouchbaseAuditStoreProvider.class);
    }

    @Test
    void listsEveryKeyItReads() {
        assertThat(provider.keys()).contains("tidemark.couchbase.connection-string",
                "tidemark.couchbase.username", "tidemark.couchbase.password", "tidemark.couchbase.bucket",
                "tidemark.couchbase.scope", "tidemark.couchbase.collection", "tidemark.couchbase.key-prefix",
                "tidemark.couchbase.durability").allMatch(key -> key.startsWith("tidemark.couchbase."));
    }

    @Test
    void createsAStoreWithoutConnectingAndDescribesItWithoutTheSecret() {
        Map<String, String> values = minimal();
        values.put(CouchbaseAuditStoreProvider.SCOPE, "ops");
        values.put(CouchbaseAuditStoreProvider.COLLECTION, "changes");
        TidemarkConfig config = config(values);

        try (AuditStore store = provider.create(config, Clock.systemUTC())) {
            assertThat(store.describe()).contains(NOWHERE, "bucket 'audit'", "ops.changes").doesNotContain(SECRET);
            assertThat(store.toString()).doesNotContain(SECRET);
        }
        assertThat(config.toString()).contains("tidemark.couchbase.password=****").doesNotContain(SECRET);
    }

    @Test
    void defaultsToTheDefaultCollection() {
        try (AuditStore store = provider.create(config(minimal()), Clock.systemUTC())) {
            assertThat(store.describe()).contains("collection '_default._default'", "key prefix 'tidemark'");
        }
    }

    @Test
    void eachMissingRequiredKeyIsNamedWithWhereToSetIt() {
        for (String key : new String[] {CouchbaseAuditStoreProvider.CONNECTION_STRING,
            CouchbaseAuditStoreProvider.USERNAME, CouchbaseAuditStoreProvider.PASSWORD,
            CouchbaseAuditStoreProvider.BUCKET}) {
            Map<String, String> values = minimal();
            values.remove(key);

            ConfigurationException error = catchThrowableOfType(ConfigurationException.class,
                    () -> provider.create(config(values), Clock.systemUTC()));

            assertThat(error).as(key).hasMessageContaining("Missing configuration " + key)
                    .hasMessageContaining(ConfigSource.environmentName(key)).hasMessageNotContaining(SECRET);
        }
    }

    @Test
    void aConnectionStringWithoutHostsIsRejected() {
        Map<String, String> values = minimal();
        values.put(CouchbaseAuditStoreProvider.CONNECTION_STRING, "couchbase://");

        ConfigurationException error = catchThrowableOfType(ConfigurationException.class,
                () -> provider.create(config(values), Clock.systemUTC()));

        assertThat(error).hasMessageContaining(CouchbaseAuditStoreProvider.CONNECTION_STRING)
                .hasMessageContaining("couchbase://db1");
    }

    @Test
    void anUnknownDurabilityLevelListsTheChoices() {
        Map<String, String> values = minimal();
        values.put(CouchbaseAuditStoreProvider.DURABILITY, "ALWAYS");

        ConfigurationException error = catchThrowableOfType(ConfigurationException.class,
                () -> provider.create(config(values), Clock.systemUTC()));

        assertThat(error).hasMessageContaining(CouchbaseAuditStoreProvider.DURABILITY)
                .hasMessageContaining("ALWAYS").hasMessageContaining("MAJORITY").hasMessageContaining("NONE");
    }

    @Test
    void invalidNamesAndSizesAreConfigurationErrors() {
        Map<Map.Entry<String, String>, String> cases = Map.of(
                Map.entry(CouchbaseAuditStoreProvider.KEY_PREFIX, "has spaces"), "key prefix",
                Map.entry(CouchbaseAuditStoreProvider.PAGE_SIZE, "0"), "page size",
                Map.entry(CouchbaseAuditStoreProvider.TIMEOUT, "0s"), CouchbaseAuditStoreProvider.TIMEOUT,
                Map.entry(CouchbaseAuditStoreProvider.TIMEOUT, "99999999999999999999m"), "from 1ms to 10m",
                Map.entry(CouchbaseAuditStoreProvider.AUTO_CREATE, "maybe"), CouchbaseAuditStoreProvider.AUTO_CREATE,
                Map.entry(CouchbaseAuditStoreProvider.BUCKET, " "), "bucket");
        cases.forEach((setting, named) -> {
            Map<String, String> values = minimal();
            values.put(setting.getKey(), setting.getValue());

            ConfigurationException error = catchThrowableOfType(ConfigurationException.class,
                    () -> provider.create(config(values), Clock.systemUTC()));

            assertThat(error).as(setting.toString()).hasMessageContaining(named);
        });
    }

    @Test
    void aStoreFromConfigurationWorksAndUsesItsKeyPrefix() {
        CouchbaseMockServer server = CouchbaseMockServer.shared();
        String chain = "provider-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
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

        RawAuditDocuments raw = new RawAuditDocuments(server.cluster().bucket(server.bucket()).defaultCollection(),
                "tm-provider");
        assertThat(raw.record(chain, 1)).isPresent();
        assertThat(raw.tipHintSeq(chain)).contains(1L);
    }
}
