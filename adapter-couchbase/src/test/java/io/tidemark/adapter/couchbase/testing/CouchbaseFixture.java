package io.tidemark.adapter.couchbase.testing;

import com.couchbase.client.core.msg.kv.DurabilityLevel;
import com.couchbase.client.java.Cluster;
import com.couchbase.client.java.ClusterOptions;
import com.couchbase.client.java.Collection;
import com.couchbase.client.java.json.JsonObject;
import io.tidemark.adapter.couchbase.CouchbaseAuditStore;
import io.tidemark.adapter.couchbase.CouchbaseAuditStoreProvider;
import io.tidemark.spi.AuditRecord;
import io.tidemark.spi.AuditStore;
import io.tidemark.tck.BackendFixture;
import io.tidemark.tck.CountingStore;
import io.tidemark.tck.RawRecords;
import io.tidemark.tck.RequestCounts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Couchbase as a {@link BackendFixture}: CouchbaseMock ({@link #startMock()}, or the one mock of the
 * JVM, {@link #sharedMock()}; key-value only, default collection), or any cluster, such as Couchbase
 * Server in a container ({@link #over}).
 *
 * <p>A namespace is a key prefix: namespace {@code tck} keeps its documents under
 * {@code tidemark-tck::}. Requests are counted by an SDK request tracer on a cluster connection of
 * the counting store's own. The store remembers its newest record (its tip hint). Free of JUnit,
 * like {@link CouchbaseMockServer}.
 */
public final class CouchbaseFixture implements BackendFixture {

    private static final Pattern NAMESPACE = Pattern.compile("[A-Za-z0-9-]{1,40}");
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(30);

    private final Cluster cluster;
    private final Server server;
    private final String description;
    private final AutoCloseable owned;
    private final Optional<Integer> pageSize;

    /**
     * Where a cluster is and how stores use it.
     *
     * @param connectionString seeds, as a client connects
     * @param username         the user
     * @param password         its password
     * @param bucket           the bucket holding the documents
     * @param scope            the scope ({@code _default} on the mock)
     * @param collection       the collection ({@code _default} on the mock)
     * @param durability       the stores' durability
     */
    public record Server(
            String connectionString,
            String username,
            String password,
            String bucket,
            String scope,
            String collection,
            DurabilityLevel durability) {}

    private CouchbaseFixture(
            Cluster cluster, Server server, String description, AutoCloseable owned, Optional<Integer> pageSize) {
        this.cluster = cluster;
        this.server = server;
        this.description = description;
        this.owned = owned;
        this.pageSize = pageSize;
    }

    /** Starts a CouchbaseMock of its own (about a second), stopped by {@link #close()}. */
    public static CouchbaseFixture startMock() {
        return onMock(CouchbaseMockServer.start(), true);
    }

    /** The JVM's one CouchbaseMock ({@link CouchbaseMockServer#shared()}); {@link #close()} leaves it running. */
    public static CouchbaseFixture sharedMock() {
        return onMock(CouchbaseMockServer.shared(), false);
    }

    private static CouchbaseFixture onMock(CouchbaseMockServer mock, boolean owned) {
        Server server = new Server(
                mock.connectionString(),
                mock.username(),
                mock.password(),
                mock.bucket(),
                "_default",
                "_default",
                DurabilityLevel.NONE);
        return new CouchbaseFixture(
                mock.cluster(),
                server,
                "CouchbaseMock at " + mock.connectionString(),
                owned ? mock : () -> {},
                Optional.empty());
    }

    /**
     * The cluster {@code server} describes, through {@code cluster} (connected, its bucket ready);
     * neither is closed by the fixture.
     */
    public static CouchbaseFixture over(Cluster cluster, Server server, String description) {
        return new CouchbaseFixture(cluster, server, description, () -> {}, Optional.empty());
    }

    /**
     * Connects to the running cluster {@code server} describes and waits until its bucket is ready;
     * the connection is closed with the fixture, the cluster and its data are left as they are.
     *
     * @throws RuntimeException the SDK's exception when the cluster cannot be reached or the bucket
     *     is not ready within 30 s (the connection is closed first)
     */
    public static CouchbaseFixture connect(Server server, String description) {
        Cluster cluster = Cluster.connect(
                server.connectionString(), ClusterOptions.clusterOptions(server.username(), server.password()));
        try {
            cluster.bucket(server.bucket()).waitUntilReady(READY_TIMEOUT);
        } catch (RuntimeException e) {
            cluster.disconnect();
            throw e;
        }
        return new CouchbaseFixture(cluster, server, description, cluster::disconnect, Optional.empty());
    }

    /**
     * This fixture with stores that read history in batches of {@code size} keys, so that paging
     * tests span several batches. It takes over what this one owns: close the fixture it returns.
     */
    public CouchbaseFixture withPageSize(int size) {
        return new CouchbaseFixture(cluster, server, description, owned, Optional.of(size));
    }

    /** The key prefix of {@code namespace}. */
    public static String keyPrefix(String namespace) {
        if (!NAMESPACE.matcher(namespace).matches()) {
            throw new IllegalArgumentException(
                    "A namespace is 1 to 40 letters, digits and '-', not '" + namespace + "'");
        }
        return "tidemark-" + namespace;
    }

    /** The cluster connection stores use (not closed by the fixture). */
    public Cluster cluster() {
        return cluster;
    }

    /** Where the cluster is. */
    public Server server() {
        return server;
    }

    /** The collection holding the documents. */
    public Collection collection() {
        return cluster.bucket(server.bucket()).scope(server.scope()).collection(server.collection());
    }

    @Override
    public String storeName() {
        return "couchbase";
    }

    @Override
    public String describe() {
        return description;
    }

    @Override
    public Map<String, String> configuration(String namespace) {
        Map<String, String> keys = new LinkedHashMap<>();
        keys.put("tidemark.store", storeName());
        keys.put(CouchbaseAuditStoreProvider.CONNECTION_STRING, server.connectionString());
        keys.put(CouchbaseAuditStoreProvider.USERNAME, server.username());
        keys.put(CouchbaseAuditStoreProvider.PASSWORD, server.password());
        keys.put(CouchbaseAuditStoreProvider.BUCKET, server.bucket());
        keys.put(CouchbaseAuditStoreProvider.SCOPE, server.scope());
        keys.put(CouchbaseAuditStoreProvider.COLLECTION, server.collection());
        keys.put(CouchbaseAuditStoreProvider.DURABILITY, server.durability().name());
        keys.put(CouchbaseAuditStoreProvider.KEY_PREFIX, keyPrefix(namespace));
        pageSize.ifPresent(size -> keys.put(CouchbaseAuditStoreProvider.PAGE_SIZE, Integer.toString(size)));
        return keys;
    }

    @Override
    public AuditStore openStore(String namespace, Clock clock) {
        return store(cluster, namespace, clock);
    }

    private CouchbaseAuditStore store(Cluster on, String namespace, Clock clock) {
        CouchbaseAuditStore.Builder builder = CouchbaseAuditStore.builder(on, server.bucket())
                .connectionString(server.connectionString())
                .scope(server.scope())
                .collection(server.collection())
                .durability(server.durability())
                .keyPrefix(keyPrefix(namespace))
                .clock(clock);
        pageSize.ifPresent(builder::pageSize);
        return builder.build();
    }

    /** A cluster connection of the store's own, its requests counted by a tracer; about a second to connect. */
    @Override
    public CountingStore openCountingStore(String namespace, Clock clock) {
        CouchbaseRequestCounter counter = new CouchbaseRequestCounter(keyPrefix(namespace));
        Cluster counted = Cluster.connect(
                server.connectionString(),
                ClusterOptions.clusterOptions(server.username(), server.password())
                        .environment(environment -> environment.requestTracer(counter)));
        counted.bucket(server.bucket()).waitUntilReady(READY_TIMEOUT);
        CouchbaseAuditStore store = store(counted, namespace, clock);
        return new CountingStore() {
            @Override
            public AuditStore store() {
                return store;
            }

            @Override
            public RequestCounts counts() {
                return counter.counts();
            }

            /** The tip hint, and a probe of the key after the one it names. */
            @Override
            public int tipLookupRequests() {
                return 2;
            }

            @Override
            public void close() {
                store.close();
                counted.disconnect();
            }
        };
    }

    @Override
    public CouchbaseRawRecords rawRecords(String namespace) {
        return new CouchbaseRawRecords(new RawAuditDocuments(collection(), keyPrefix(namespace)));
    }

    /** Raw writes to the documents of one namespace, bypassing the store (see {@link RawAuditDocuments}). */
    public static final class CouchbaseRawRecords implements RawRecords {

        private final RawAuditDocuments raw;

        private CouchbaseRawRecords(RawAuditDocuments raw) {
            this.raw = raw;
        }

        @Override
        public void overwrite(AuditRecord replacement) {
            raw.overwrite(replacement);
        }

        @Override
        public void delete(String chain, long seq) {
            raw.delete(chain, seq);
        }

        @Override
        public void overwriteWithState(AuditRecord record, String state) {
            raw.overwriteWithState(record, state);
        }

        /**
         * Writes a lock document at {@code lockKey} that no Tidemark version can read: an owner, but a
         * token that is not a number and an expiry that is not an instant.
         */
        @Override
        public void writeUnreadableLock(String lockKey) {
            raw.writeLock(
                    lockKey,
                    JsonObject.create()
                            .put("tidemark", "lock")
                            .put("key", lockKey)
                            .put("owner", "someone")
                            .put("expiresAt", "next tuesday")
                            .put("token", "seven"));
        }
    }

    /** Seeds on closed loopback ports, with one-second connect and key-value timeouts. */
    @Override
    public Map<String, String> unreachableConfiguration() {
        return Map.of(
                "tidemark.store",
                storeName(),
                CouchbaseAuditStoreProvider.CONNECTION_STRING,
                "couchbase://127.0.0.1:" + freePort() + "=kv,127.0.0.1:" + freePort() + "=manager",
                CouchbaseAuditStoreProvider.USERNAME,
                server.username(),
                CouchbaseAuditStoreProvider.PASSWORD,
                server.password(),
                CouchbaseAuditStoreProvider.BUCKET,
                server.bucket(),
                CouchbaseAuditStoreProvider.TIMEOUT,
                "1s",
                CouchbaseAuditStoreProvider.CONNECT_TIMEOUT,
                "1s");
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The tip hint remembers where the chain ended when a run last finished. */
    @Override
    public boolean remembersTheNewestRecord() {
        return true;
    }

    @Override
    public void close() {
        try {
            owned.close();
        } catch (Exception e) {
            throw new IllegalStateException("Could not stop " + description, e);
        }
    }

    @Override
    public String toString() {
        return describe();
    }
}
