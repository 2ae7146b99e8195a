package io.tidemark.adapter.couchbase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.tidemark.adapter.couchbase.testing.CouchbaseMockServer;
import io.tidemark.core.ConfigSource;
import io.tidemark.core.TidemarkConfig;
import io.tidemark.core.error.ConfigurationException;
import io.tidemark.core.error.StoreUnavailableException;
import io.tidemark.spi.AppendResult;
import io.tidemark.spi.AuditRecord;
import io.tidemark.spi.AuditStore;
import io.tidemark.tck.MutableClock;
import io.tidemark.tck.TestRecords;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * How a store from configuration connects its own cluster: it waits a bounded time for the bucket,
 * keeps the SDK's reconnection warnings out of the way while it does (issue 13 item 5: an
 * unreachable cluster used to print about 140 SDK WARN lines before Tidemark's message), and says in
 * one exception what went wrong.
 *
 * <p>The SDK logs through slf4j-simple here, which writes each line to the {@code System.err} of the
 * moment: the tests capture it while the store connects, fails and closes.
 */
class ConnectingTest {

    private static final String PASSWORD_NEVER_SHOWN = "pa55-never-shown";

    private final CouchbaseMockServer server = CouchbaseMockServer.shared();

    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String chain() {
        return "connect-"
                + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
    }

    private AuditStore fromConfig(Map<String, String> overrides) {
        return fromConfig(overrides, Clock.systemUTC());
    }

    private AuditStore fromConfig(Map<String, String> overrides, Clock clock) {
        Map<String, String> values = new HashMap<>(Map.of(
                CouchbaseAuditStoreProvider.CONNECTION_STRING, server.connectionString(),
                CouchbaseAuditStoreProvider.USERNAME, server.username(),
                CouchbaseAuditStoreProvider.PASSWORD, server.password(),
                CouchbaseAuditStoreProvider.BUCKET, server.bucket()));
        values.putAll(overrides);
        return new CouchbaseAuditStoreProvider().create(TidemarkConfig.of(ConfigSource.of("test", values)), clock);
    }

    /** What {@code action} logged to {@code System.err}, line by line, and what it threw. */
    private static <T extends Throwable> Captured<T> capture(Class<T> expected, Runnable action) {
        PrintStream original = System.err;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        T thrown;
        try (PrintStream capturing = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            System.setErr(capturing);
            thrown = catchThrowableOfType(expected, action::run);
        } finally {
            System.setErr(original);
        }
        return new Captured<>(
                thrown, bytes.toString(StandardCharsets.UTF_8).lines().toList());
    }

    private record Captured<T>(T thrown, List<String> lines) {
        List<String> sdkWarnings() {
            return lines.stream()
                    .filter(line -> line.contains(" WARN com.couchbase"))
                    .toList();
        }
    }

    /** Runs {@code use} on a store from {@code overrides}, and closes the store, inside {@code action}. */
    private Runnable using(Map<String, String> overrides, Consumer<AuditStore> use) {
        return () -> {
            try (AuditStore store = fromConfig(overrides)) {
                use.accept(store);
            }
        };
    }

    @Test
    void anUnreachableClusterFailsWithTidemarksMessageFirstAndAtMostTheSdksDisconnectWarnings() {
        String nowhere = "couchbase://127.0.0.1:" + closedPort() + "=kv,127.0.0.1:" + closedPort() + "=manager";

        Captured<StoreUnavailableException> run = capture(
                StoreUnavailableException.class,
                using(
                        Map.of(
                                CouchbaseAuditStoreProvider.CONNECTION_STRING, nowhere,
                                CouchbaseAuditStoreProvider.PASSWORD, PASSWORD_NEVER_SHOWN,
                                CouchbaseAuditStoreProvider.CONNECT_TIMEOUT, "2s"),
                        store -> store.history().tip(chain())));

        assertThat(run.thrown())
                .hasMessageContaining(nowhere)
                .hasMessageContaining("was not ready within 2 s")
                .hasMessageContaining("Connection refused")
                .hasMessageContaining("tidemark.couchbase.connect-timeout")
                .hasMessageNotContaining(PASSWORD_NEVER_SHOWN);
        assertThat(run.thrown().isTransient()).isTrue();
        assertThat(run.lines())
                .as("what the store logged")
                .isNotEmpty()
                .first()
                .asString()
                .contains("Connecting to Couchbase at " + nowhere, "waiting up to 2 s");
        assertThat(run.sdkWarnings())
                .as("before: 139 lines, one per reconnection attempt of every endpoint")
                .noneMatch(line -> line.contains("EndpointConnectionFailedEvent"))
                .as("only the SDK's own lines when a cluster disconnects (config refreshers terminating)")
                .hasSizeLessThanOrEqualTo(3);
        assertThat(String.join("\n", run.lines())).doesNotContain(PASSWORD_NEVER_SHOWN);
    }

    @Test
    void afterAFailedConnectionRequestsFailAtOnceForOneConnectTimeoutThenTheStoreConnectsAgain() {
        String nowhere = "couchbase://127.0.0.1:" + closedPort() + "=kv,127.0.0.1:" + closedPort() + "=manager";
        MutableClock clock = MutableClock.atFixedStart();
        try (AuditStore store = fromConfig(
                Map.of(
                        CouchbaseAuditStoreProvider.CONNECTION_STRING,
                        nowhere,
                        CouchbaseAuditStoreProvider.CONNECT_TIMEOUT,
                        "500ms"),
                clock)) {
            String chain = chain();

            Captured<StoreUnavailableException> first = capture(
                    StoreUnavailableException.class, () -> store.history().tip(chain));
            clock.advance(Duration.ofMillis(499));
            Captured<StoreUnavailableException> atOnce = capture(
                    StoreUnavailableException.class,
                    () -> store.append(TestRecords.applied(chain, 1, AuditRecord.GENESIS_HASH)));
            clock.advance(Duration.ofMillis(1));
            Captured<StoreUnavailableException> again = capture(
                    StoreUnavailableException.class, () -> store.lockService().inspect(chain));

            for (Captured<StoreUnavailableException> attempt : List.of(first, atOnce, again)) {
                assertThat(attempt.thrown()).hasMessageContaining("was not ready within 500 ms");
            }
            assertThat(first.lines()).anyMatch(line -> line.contains("Connecting to Couchbase at " + nowhere));
            assertThat(atOnce.lines()).as("no new attempt").noneMatch(line -> line.contains("Connecting to Couchbase"));
            assertThat(atOnce.thrown()).hasMessage(first.thrown().getMessage()).hasCause(first.thrown());
            assertThat(again.lines()).anyMatch(line -> line.contains("Connecting to Couchbase at " + nowhere));
            assertThat(again.thrown().getCause())
                    .as("a new attempt, not the first one's failure again")
                    .isNotSameAs(first.thrown())
                    .isNotInstanceOf(StoreUnavailableException.class);
        }
    }

    @Test
    void refusedCredentialsAreAConfigurationErrorNamingTheKeysButNotThePassword() {
        Captured<ConfigurationException> run = capture(
                ConfigurationException.class,
                using(
                        Map.of(CouchbaseAuditStoreProvider.PASSWORD, PASSWORD_NEVER_SHOWN),
                        store -> store.history().tip(chain())));

        assertThat(run.thrown())
                .hasMessageContaining("refused the credentials")
                .hasMessageContaining("tidemark.couchbase.username")
                .hasMessageContaining("tidemark.couchbase.password")
                .hasMessageNotContaining(PASSWORD_NEVER_SHOWN);
        assertThat(run.sdkWarnings()).noneMatch(line -> line.contains("EndpointConnectionFailedEvent"));
    }

    @Test
    void aMissingBucketIsAConfigurationErrorNamingIt() {
        Captured<ConfigurationException> run = capture(
                ConfigurationException.class,
                using(
                        Map.of(CouchbaseAuditStoreProvider.BUCKET, "no-such-bucket"),
                        store -> store.history().tip(chain())));

        assertThat(run.thrown())
                .hasMessageContaining("bucket 'no-such-bucket' does not exist")
                .hasMessageContaining(server.connectionString())
                .hasMessageContaining("tidemark.couchbase.bucket");
        assertThat(run.sdkWarnings()).noneMatch(line -> line.contains("SelectBucketFailedEvent"));
    }

    @Test
    void aReachableClusterIsConnectedOnceAndItsStoreWorks() {
        String chain = chain();
        AuditRecord first = TestRecords.applied(chain, 1, AuditRecord.GENESIS_HASH);
        Supplier<Captured<RuntimeException>> run = () -> capture(RuntimeException.class, using(Map.of(), store -> {
            assertThat(store.append(first)).isEqualTo(new AppendResult.Appended(1));
            assertThat(store.history().tip(chain)).contains(first);
            assertThat(store.lockService().inspect(chain)).isEmpty();
        }));

        Captured<RuntimeException> used = run.get();

        assertThat(used.thrown()).isNull();
        assertThat(used.lines())
                .filteredOn(line -> line.contains("Connecting to Couchbase at"))
                .hasSize(1);
    }
}
