package io.tidemark.adapter.couchbase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.couchbase.client.core.msg.kv.DurabilityLevel;
import com.couchbase.client.java.Cluster;
import com.couchbase.client.java.ClusterOptions;
import com.couchbase.client.java.json.JsonObject;
import io.tidemark.adapter.couchbase.testing.CouchbaseMockServer;
import io.tidemark.adapter.couchbase.testing.RawAuditDocuments;
import io.tidemark.core.ConfigSource;
import io.tidemark.core.TidemarkConfig;
import io.tidemark.core.error.ConfigurationException;
import io.tidemark.core.error.StoreUnavailableException;
import io.tidemark.core.error.UnreadableRecordException;
import io.tidemark.spi.AuditRecord;
import io.tidemark.spi.AuditStore;
import io.tidemark.tck.MutableClock;
import io.tidemark.tck.TestRecords;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every failure leaves the adapter as a Tidemark exception that says what is wrong and how to fix it. */
class CouchbaseFailuresTest {

    private static final String PASSWORD_NEVER_SHOWN = "pa55-never-shown";

    private static CouchbaseMockServer server;

    @BeforeAll
    static void startMock() {
        server = CouchbaseMockServer.shared();
    }

    private static String chain() {
        return "failures-"
                + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
    }

    private static AuditStore fromConfig(Map<String, String> overrides) {
        Map<String, String> values = new HashMap<>(Map.of(
                CouchbaseAuditStoreProvider.CONNECTION_STRING, server.connectionString(),
                CouchbaseAuditStoreProvider.USERNAME, server.username(),
                CouchbaseAuditStoreProvider.PASSWORD, server.password(),
                CouchbaseAuditStoreProvider.BUCKET, server.bucket(),
                CouchbaseAuditStoreProvider.TIMEOUT, "1s",
                CouchbaseAuditStoreProvider.CONNECT_TIMEOUT, "1s"));
        values.putAll(overrides);
        return new CouchbaseAuditStoreProvider()
                .create(TidemarkConfig.of(ConfigSource.of("test", values)), Clock.systemUTC());
    }

    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aMissingBucketIsAConfigurationErrorNamingIt() {
        try (AuditStore store = fromConfig(Map.of(CouchbaseAuditStoreProvider.BUCKET, "no-such-bucket"))) {
            ConfigurationException error = catchThrowableOfType(
                    ConfigurationException.class, () -> store.history().tip(chain()));

            assertThat(error)
                    .hasMessageContaining("bucket 'no-such-bucket' does not exist")
                    .hasMessageContaining(server.connectionString())
                    .hasMessageContaining("tidemark.couchbase.bucket");
            assertThat(error.isTransient()).isFalse();
        }
    }

    @Test
    void anUnreachableClusterIsUnavailableNamingTheConnectionStringButNotThePassword() {
        String nowhere = "couchbase://127.0.0.1:" + closedPort() + "=kv,127.0.0.1:" + closedPort() + "=manager";
        try (AuditStore store = fromConfig(Map.of(
                CouchbaseAuditStoreProvider.CONNECTION_STRING,
                nowhere,
                CouchbaseAuditStoreProvider.PASSWORD,
                PASSWORD_NEVER_SHOWN))) {
            String chain = chain();

            StoreUnavailableException read = catchThrowableOfType(
                    StoreUnavailableException.class, () -> store.history().tip(chain));
            StoreUnavailableException write = catchThrowableOfType(
                    StoreUnavailableException.class,
                    () -> store.append(TestRecords.applied(chain, 1, AuditRecord.GENESIS_HASH)));

            for (StoreUnavailableException error : new StoreUnavailableException[] {read, write}) {
                assertThat(error)
                        .hasMessageContaining(nowhere)
                        .hasMessageNotContaining(PASSWORD_NEVER_SHOWN)
                        .hasMessageContaining("was not ready within 1 s");
                assertThat(error.isTransient()).isTrue();
            }
            assertThat(store.describe()).contains(nowhere).doesNotContain(PASSWORD_NEVER_SHOWN);
        }
    }

    @Test
    void aNamedCollectionOnAClusterWithoutCollectionsIsAConfigurationError() {
        try (AuditStore store = fromConfig(Map.of(
                CouchbaseAuditStoreProvider.SCOPE,
                "audit",
                CouchbaseAuditStoreProvider.COLLECTION,
                "tidemark_log",
                CouchbaseAuditStoreProvider.AUTO_CREATE,
                "false"))) {
            ConfigurationException error = catchThrowableOfType(
                    ConfigurationException.class, () -> store.history().tip(chain()));

            assertThat(error)
                    .hasMessageContaining("audit.tidemark_log")
                    .hasMessageContaining("does not support scopes and collections")
                    .hasMessageContaining("tidemark.couchbase.scope");
        }
    }

    @Test
    void initializingANamedCollectionOnAClusterWithoutCollectionsSaysWhatToChange() {
        try (AuditStore store = fromConfig(Map.of(
                CouchbaseAuditStoreProvider.SCOPE, "audit", CouchbaseAuditStoreProvider.COLLECTION, "tidemark_log"))) {
            ConfigurationException error = catchThrowableOfType(ConfigurationException.class, store::initialize);

            assertThat(error)
                    .hasMessageContaining("audit.tidemark_log")
                    .hasMessageContaining("does not support scopes and collections")
                    .hasMessageContaining("tidemark.couchbase.bucket");
        }
    }

    @Test
    void durabilityTheClusterCannotGiveIsAConfigurationError() {
        try (AuditStore store = CouchbaseAuditStore.builder(server.cluster(), server.bucket())
                .durability(DurabilityLevel.MAJORITY)
                .clock(MutableClock.atFixedStart())
                .build()) {
            String chain = chain();

            Throwable error =
                    catchThrowable(() -> store.append(TestRecords.applied(chain, 1, AuditRecord.GENESIS_HASH)));

            assertThat(error)
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessageContaining("durability")
                    .hasMessageContaining("MAJORITY")
                    .hasMessageContaining("Set durability(NONE) on CouchbaseAuditStore.builder")
                    .hasMessageNotContaining("tidemark.couchbase.durability");
        }
    }

    @Test
    void durabilityTheClusterCannotGiveInAStoreFromConfigurationNamesTheKey() {
        try (AuditStore store = fromConfig(Map.of(CouchbaseAuditStoreProvider.DURABILITY, "MAJORITY"))) {
            String chain = chain();

            Throwable error =
                    catchThrowable(() -> store.append(TestRecords.applied(chain, 1, AuditRecord.GENESIS_HASH)));

            assertThat(error)
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessageContaining("Set tidemark.couchbase.durability=NONE")
                    .hasMessageNotContaining("builder")
                    .hasMessageNotContaining("durability(");
        }
    }

    @Test
    void aClusterAlreadyDisconnectedIsUnavailableNotAnSdkException() {
        Cluster closed = Cluster.connect(
                server.connectionString(), ClusterOptions.clusterOptions(server.username(), server.password()));
        closed.disconnect();
        try (AuditStore store = CouchbaseAuditStore.builder(closed, server.bucket())
                .connectionString(server.connectionString())
                .build()) {
            Throwable error = catchThrowable(() -> store.lockService().inspect("some-lock"));

            assertThat(error)
                    .isInstanceOf(StoreUnavailableException.class)
                    .hasMessageContaining(server.connectionString());
        }
    }

    @Test
    void aRecordDocumentThatCannotBeARecordIsReportedByKey() {
        String chain = chain();
        try (AuditStore store =
                CouchbaseAuditStore.builder(server.cluster(), server.bucket()).build()) {
            store.append(TestRecords.applied(chain, 1, AuditRecord.GENESIS_HASH));
            RawAuditDocuments raw = new RawAuditDocuments(
                    server.cluster().bucket(server.bucket()).defaultCollection(),
                    CouchbaseAuditStore.Builder.DEFAULT_KEY_PREFIX);
            server.cluster()
                    .bucket(server.bucket())
                    .defaultCollection()
                    .upsert(
                            raw.recordKey(chain, 1),
                            JsonObject.create().put("state", "EXPLODED").put("timestamp", "yesterday"));

            UnreadableRecordException error = catchThrowableOfType(
                    UnreadableRecordException.class,
                    () -> store.history().readAll(chain).toList());

            assertThat(error.seq()).isEqualTo(1);
            assertThat(error.field()).isEqualTo("state");
            assertThat(error).hasMessageContaining(raw.recordKey(chain, 1)).hasMessageContaining("EXPLODED");
        }
    }

    @Test
    void aLockDocumentThatCannotBeALockIsReportedByKey() {
        String lock = chain();
        try (AuditStore store =
                CouchbaseAuditStore.builder(server.cluster(), server.bucket()).build()) {
            server.cluster()
                    .bucket(server.bucket())
                    .defaultCollection()
                    .upsert("tidemark::lock::" + lock, JsonObject.create().put("owner", "someone"));

            Throwable error = catchThrowable(() -> store.lockService().tryAcquire(lock, "me", Duration.ofSeconds(5)));

            assertThat(error)
                    .isInstanceOfSatisfying(UnreadableRecordException.class, unreadable -> {
                        assertThat(unreadable.lockKey()).contains(lock);
                        assertThat(unreadable.field()).isEqualTo("token");
                        assertThat(unreadable.value()).isEqualTo("(missing)");
                    })
                    .hasMessageContaining("tidemark::lock::" + lock)
                    .hasMessageContaining("delete that lock record");
        }
    }

    @Test
    void aRecordDocumentThatIsNotJsonIsUnreadableNotAnUnavailableStore() {
        String chain = chain();
        try (AuditStore store =
                CouchbaseAuditStore.builder(server.cluster(), server.bucket()).build()) {
            store.append(TestRecords.applied(chain, 1, AuditRecord.GENESIS_HASH));
            RawAuditDocuments raw = new RawAuditDocuments(
                    server.cluster().bucket(server.bucket()).defaultCollection(),
                    CouchbaseAuditStore.Builder.DEFAULT_KEY_PREFIX);
            raw.writeRecordDocument(chain, 2, "just a string");

            UnreadableRecordException read = catchThrowableOfType(
                    UnreadableRecordException.class,
                    () -> store.history().readAll(chain).toList());
            UnreadableRecordException tip = catchThrowableOfType(
                    UnreadableRecordException.class, () -> store.history().tip(chain));

            for (UnreadableRecordException error : new UnreadableRecordException[] {read, tip}) {
                assertThat(error.chain()).isEqualTo(chain);
                assertThat(error.seq()).isEqualTo(2);
                assertThat(error.field()).isEqualTo("document");
                assertThat(error.value()).contains("just a string");
                assertThat(error).hasMessageContaining(raw.recordKey(chain, 2));
            }
        }
    }

    @Test
    void aBugInsideARequestPassesThroughAsItselfNotAsAnUnavailableStore() {
        CouchbaseRequests requests = CouchbaseRequests.over(server.cluster(), settings());
        IllegalStateException bug = new IllegalStateException("a bug in Tidemark");
        NullPointerException asyncBug = new NullPointerException("a bug in a callback");
        AssertionError error = new AssertionError("an error");

        Throwable direct = catchThrowable(() -> requests.kv("doing something", collection -> {
            throw bug;
        }));
        Throwable wrapped = catchThrowable(() -> requests.kv(
                "doing something async",
                collection -> CompletableFuture.failedFuture(asyncBug).join()));
        Throwable fatal = catchThrowable(() -> requests.kvOnce("doing something fatal", collection -> {
            throw error;
        }));

        assertThat(direct).isSameAs(bug);
        assertThat(wrapped).as("unwrapped from the CompletionException").isSameAs(asyncBug);
        assertThat(fatal).isSameAs(error);
    }

    @Test
    void anSdkFailureInsideARequestIsTranslated() {
        CouchbaseRequests requests = CouchbaseRequests.over(server.cluster(), settings());

        Throwable error = catchThrowable(
                () -> requests.kv("reading a key that is too long", collection -> collection.get("k".repeat(300))));

        assertThat(error)
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("reading a key that is too long")
                .hasCauseInstanceOf(com.couchbase.client.core.error.CouchbaseException.class);
    }

    @Test
    void aClosedStoreIsAnIllegalStateNotAnUnavailableStore() {
        String chain = chain();
        AuditStore used =
                CouchbaseAuditStore.builder(server.cluster(), server.bucket()).build();
        used.history().tip(chain);
        AuditStore unused =
                CouchbaseAuditStore.builder(server.cluster(), server.bucket()).build();
        used.close();
        unused.close();

        for (AuditStore closed : new AuditStore[] {used, unused}) {
            Throwable error = catchThrowable(() -> closed.history().tip(chain));

            assertThat(error).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
        }
    }

    private static CouchbaseSettings settings() {
        return new CouchbaseSettings(
                server.connectionString(),
                server.bucket(),
                CouchbaseSettings.DEFAULT,
                CouchbaseSettings.DEFAULT,
                CouchbaseSettings.DEFAULT_KEY_PREFIX,
                DurabilityLevel.NONE,
                10,
                true,
                Duration.ZERO,
                false);
    }
}
