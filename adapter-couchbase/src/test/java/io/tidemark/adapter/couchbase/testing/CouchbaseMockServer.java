package io.tidemark.adapter.couchbase.testing;

import com.couchbase.client.java.Cluster;
import com.couchbase.client.java.ClusterOptions;
import com.couchbase.mock.Bucket;
import com.couchbase.mock.BucketConfiguration;
import com.couchbase.mock.CouchbaseMock;
import com.couchbase.mock.memcached.MemcachedServer;
import com.couchbase.mock.memcached.protocol.CommandCode;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.ConcurrentModificationException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * CouchbaseMock (an in-process Couchbase that speaks the key-value protocol) with one bucket, on
 * free ports, plus a connected {@link Cluster}. Start one with {@link #start()}, or share one per JVM
 * with {@link #shared()} (stopped when the JVM exits); tests keep apart by using fresh chain and lock
 * names.
 *
 * <p>The mock has only the {@code _default} scope and collection, no SQL++, no {@code exists()} and
 * no synchronous durability. Its bucket user is the bucket name, with the bucket password.
 */
public final class CouchbaseMockServer implements AutoCloseable {

    /** The bucket the mock serves. */
    public static final String BUCKET = "tidemark";

    private static final String PASSWORD = "mock-bucket-password";
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(30);

    private static CouchbaseMockServer shared;

    private final CouchbaseMock mock;
    private final String connectionString;
    private final Cluster cluster;

    private CouchbaseMockServer(CouchbaseMock mock, String connectionString, Cluster cluster) {
        this.mock = mock;
        this.connectionString = connectionString;
        this.cluster = cluster;
    }

    /** Starts a mock and connects a cluster to it; about a second. */
    public static CouchbaseMockServer start() {
        BucketConfiguration bucket = new BucketConfiguration();
        bucket.type = Bucket.BucketType.COUCHBASE;
        bucket.name = BUCKET;
        bucket.password = PASSWORD;
        bucket.numNodes = 1;
        bucket.numReplicas = 0;
        bucket.numVBuckets = 64;
        try {
            CouchbaseMock mock = new CouchbaseMock(0, List.of(bucket));
            mock.start();
            mock.waitForStartup();
            for (Bucket started : mock.getBuckets().values()) {
                for (MemcachedServer server : started.getServers()) {
                    server.setCccpEnabled(true);
                }
            }
            String connectionString = "couchbase://127.0.0.1:" + mock.getCarrierPort(BUCKET) + "=kv,127.0.0.1:"
                    + mock.getHttpPort() + "=manager";
            Cluster cluster = Cluster.connect(connectionString, ClusterOptions.clusterOptions(BUCKET, PASSWORD));
            cluster.bucket(BUCKET).waitUntilReady(READY_TIMEOUT);
            return new CouchbaseMockServer(mock, connectionString, cluster);
        } catch (IOException e) {
            throw new IllegalStateException("could not start CouchbaseMock", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting CouchbaseMock", e);
        }
    }

    /** One mock for the whole JVM, started on first use and stopped at exit. */
    public static synchronized CouchbaseMockServer shared() {
        if (shared == null) {
            CouchbaseMockServer server = start();
            Runtime.getRuntime().addShutdownHook(new Thread(server::close, "couchbase-mock-stop"));
            shared = server;
        }
        return shared;
    }

    /** Seeds for the key-value and HTTP ports, e.g. {@code couchbase://127.0.0.1:1234=kv,127.0.0.1:5678=manager}. */
    public String connectionString() {
        return connectionString;
    }

    public String username() {
        return BUCKET;
    }

    public String password() {
        return PASSWORD;
    }

    public String bucket() {
        return BUCKET;
    }

    /** A cluster connected to the mock, its bucket ready. Owned by this server. */
    public Cluster cluster() {
        return cluster;
    }

    /**
     * The key-value commands the mock received while {@code action} ran, counted by name
     * ({@code GET}, {@code ADD} for inserts, {@code SET} for upserts, {@code REPLACE}, ...), without the
     * SDK's background configuration polling. Meaningful only while nothing else uses the mock.
     */
    public synchronized Map<String, Integer> commandsDuring(Runnable action) {
        List<MemcachedServer> servers = mock.getBuckets().values().stream()
                .flatMap(bucket -> Arrays.stream(bucket.getServers()))
                .toList();
        servers.forEach(MemcachedServer::startLog);
        List<MemcachedServer.CommandLogEntry> entries = new ArrayList<>();
        try {
            action.run();
        } finally {
            for (MemcachedServer server : servers) {
                entries.addAll(copyOfLog(server));
                server.stopLog();
            }
        }
        Map<String, Integer> counts = new TreeMap<>();
        for (MemcachedServer.CommandLogEntry entry : entries) {
            // The mock logs the opcode byte sign-extended (GET_CLUSTER_CONFIG, 0xb5, as -75): mask it back.
            CommandCode code = CommandCode.valueOf(entry.getOpcode() & 0xff);
            String name = code == null ? "0x" + Integer.toHexString(entry.getOpcode()) : code.name();
            if (!name.equals(CommandCode.GET_CLUSTER_CONFIG.name())) {
                counts.merge(name, 1, Integer::sum);
            }
        }
        return counts;
    }

    /** The mock appends to a plain list from its own thread; copy again if a background command raced the copy. */
    private static List<MemcachedServer.CommandLogEntry> copyOfLog(MemcachedServer server) {
        for (int attempt = 0; ; attempt++) {
            try {
                return new ArrayList<>(server.getLogs());
            } catch (ConcurrentModificationException raced) {
                if (attempt == 10) {
                    throw raced;
                }
            }
        }
    }

    @Override
    public void close() {
        try {
            cluster.disconnect();
        } finally {
            mock.stop();
        }
    }
}
