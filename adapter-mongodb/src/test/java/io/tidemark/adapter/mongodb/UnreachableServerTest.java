package io.tidemark.adapter.mongodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.tidemark.core.ConfigSource;
import io.tidemark.core.TidemarkConfig;
import io.tidemark.core.error.StoreUnavailableException;
import io.tidemark.core.error.TidemarkException;
import io.tidemark.spi.AuditRecord;
import io.tidemark.spi.AuditStore;
import io.tidemark.tck.TestRecords;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A server nobody listens on: every operation fails with {@link StoreUnavailableException} naming
 * the hosts, database and collection, and the password of the connection string appears nowhere.
 * Server selection gives up after 500 ms (from the connection string), or after the wait
 * {@code tidemark.mongodb.connect-timeout} or the builder's {@code connectTimeout} set; the first
 * request of a store says at INFO what it waits for.
 */
class UnreachableServerTest {

    private static final String PASSWORD = "s3cr3t-Pa55word";

    private static int closedPort;
    private static String hostAndPort;
    private static AuditStore configured;
    private static MongoClient ownClient;
    private static AuditStore handBuilt;

    @BeforeAll
    static void pointAtAClosedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        hostAndPort = "127.0.0.1:" + closedPort;
        String uri = "mongodb://tidemark:" + PASSWORD + "@" + hostAndPort
                + "/inventory?serverSelectionTimeoutMS=500&connectTimeoutMS=500";
        configured = new MongoAuditStoreProvider()
                .create(
                        TidemarkConfig.of(ConfigSource.of("test", Map.of(MongoAuditStoreProvider.URI, uri))),
                        Clock.systemUTC());
        ownClient = MongoClients.create(MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString(uri))
                .applyToClusterSettings(cluster -> cluster.serverSelectionTimeout(500, TimeUnit.MILLISECONDS))
                .build());
        handBuilt = MongoAuditStore.builder(ownClient, "inventory")
                .auditCollection("audits")
                .build();
    }

    @AfterAll
    static void close() {
        configured.close();
        ownClient.close();
    }

    @Test
    void readingTheTipNamesHostDatabaseAndCollection() {
        StoreUnavailableException error = catchThrowableOfType(
                StoreUnavailableException.class, () -> configured.history().tip("default"));

        assertThat(error)
                .hasMessageContaining(hostAndPort)
                .hasMessageContaining("inventory.tidemarkAudit")
                .hasMessageContaining("reading the tip of chain 'default'");
        assertThat(error.isTransient()).isTrue();
        assertNoPasswordIn(error);
    }

    @Test
    void appendingFailsOnTheIndexItMustCreateFirst() {
        StoreUnavailableException error = catchThrowableOfType(
                StoreUnavailableException.class,
                () -> configured.append(TestRecords.applied("default", 1, AuditRecord.GENESIS_HASH)));

        assertThat(error)
                .hasMessageContaining(hostAndPort)
                .hasMessageContaining("inventory.tidemarkAudit")
                .hasMessageContaining("unique index");
        assertNoPasswordIn(error);
    }

    @Test
    void lockOperationsNameTheLockCollection() {
        StoreUnavailableException error = catchThrowableOfType(
                StoreUnavailableException.class, () -> configured.lockService().inspect("default"));

        assertThat(error)
                .hasMessageContaining(hostAndPort)
                .hasMessageContaining("inventory.tidemarkLock")
                .hasMessageContaining("reading lock 'default'");
        assertNoPasswordIn(error);
    }

    @Test
    void aClientPassedInIsDescribedByItsSeedList() {
        StoreUnavailableException error = catchThrowableOfType(
                StoreUnavailableException.class,
                () -> handBuilt.history().readAll("default").toList());

        assertThat(error).hasMessageContaining(hostAndPort).hasMessageContaining("inventory.audits");
        assertNoPasswordIn(error);
        assertThat(handBuilt.describe()).contains(hostAndPort).doesNotContain(PASSWORD);
    }

    @Test
    void askingForTransactionsFailsAsUnavailableToo() {
        StoreUnavailableException error = catchThrowableOfType(
                StoreUnavailableException.class,
                () -> configured.transactions().orElseThrow().unavailableReason());

        assertThat(error).hasMessageContaining(hostAndPort);
        assertNoPasswordIn(error);
    }

    @Test
    void describeAndToStringShowHostsAndDatabaseOnly() {
        assertThat(configured.describe())
                .contains(hostAndPort, "inventory", "tidemarkAudit", "tidemarkLock")
                .doesNotContain(PASSWORD)
                .doesNotContain("tidemark:");
        assertThat(configured.toString()).contains(hostAndPort).doesNotContain(PASSWORD);
    }

    @Test
    void theLockIsNotMistakenForHeldWhenTheServerIsDown() {
        assertThat(catchThrowableOfType(
                        StoreUnavailableException.class,
                        () -> handBuilt.lockService().tryAcquire("default", "alice", Duration.ofMinutes(1))))
                .isNotNull();
    }

    @Test
    void theConfiguredWaitEndsInStoreUnavailableNamingHostsWaitAndKey() {
        try (AuditStore store = new MongoAuditStoreProvider()
                .create(
                        TidemarkConfig.of(ConfigSource.of(
                                "test",
                                Map.of(
                                        MongoAuditStoreProvider.URI,
                                        "mongodb://tidemark:" + PASSWORD + "@" + hostAndPort + "/inventory",
                                        MongoAuditStoreProvider.CONNECT_TIMEOUT,
                                        "300ms"))),
                        Clock.systemUTC())) {

            StoreUnavailableException error = catchThrowableOfType(
                    StoreUnavailableException.class, () -> store.history().tip("default"));

            assertThat(error)
                    .hasMessageContaining("no server of [" + hostAndPort + "] answered within 300ms")
                    .hasMessageContaining("tidemark.mongodb.connect-timeout")
                    .hasMessageContaining("inventory.tidemarkAudit");
            assertThat(error.isTransient()).isTrue();
            assertNoPasswordIn(error);
        }
    }

    @Test
    void aStoreCreatingItsClientInCodeTakesTheBuildersWait() {
        MongoClientSettings settings = MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString("mongodb://tidemark:" + PASSWORD + "@" + hostAndPort))
                .build();
        try (MongoAuditStore store = MongoAuditStore.builder(settings, "inventory")
                .connectTimeout(Duration.ofMillis(250))
                .build()) {

            StoreUnavailableException error = catchThrowableOfType(
                    StoreUnavailableException.class, () -> store.lockService().inspect("default"));

            assertThat(store.serverWait()).contains(Duration.ofMillis(250));
            assertThat(error).hasMessageContaining("answered within 250ms").hasMessageContaining("connectTimeout");
            assertNoPasswordIn(error);
        }
    }

    @Test
    void theFirstRequestSaysAtInfoWhatItWaitsForOncePerStore() {
        String log = capturingStandardError(() -> {
            try (AuditStore store = new MongoAuditStoreProvider()
                    .create(
                            TidemarkConfig.of(ConfigSource.of(
                                    "test",
                                    Map.of(
                                            MongoAuditStoreProvider.URI,
                                            "mongodb://tidemark:" + PASSWORD + "@" + hostAndPort + "/inventory",
                                            MongoAuditStoreProvider.CONNECT_TIMEOUT,
                                            "200ms"))),
                            Clock.systemUTC())) {
                catchThrowable(() -> store.history().tip("default"));
                catchThrowable(() -> store.lockService().inspect("default"));
            }
        });

        List<String> lines =
                log.lines().filter(line -> line.contains("MongoRequests")).toList();
        assertThat(lines)
                .singleElement()
                .asString()
                .contains(
                        "INFO",
                        "Connecting to MongoDB [" + hostAndPort + "]",
                        "database 'inventory'",
                        "waiting up to 200ms for a server",
                        "tidemark.mongodb.connect-timeout");
        assertThat(log).doesNotContain(PASSWORD);
    }

    /** What slf4j-simple (which writes to the current {@code System.err}) printed while {@code action} ran. */
    private static String capturingStandardError(Runnable action) {
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            action.run();
        } finally {
            System.setErr(original);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }

    /** Neither the message nor anything printed with the stack trace (causes included) holds the password. */
    private static void assertNoPasswordIn(TidemarkException error) {
        assertThat(error.getMessage()).doesNotContain(PASSWORD);
        StringWriter trace = new StringWriter();
        error.printStackTrace(new PrintWriter(trace));
        assertThat(trace.toString()).doesNotContain(PASSWORD);
    }
}
