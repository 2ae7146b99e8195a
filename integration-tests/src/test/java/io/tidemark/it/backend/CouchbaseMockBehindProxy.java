package io.tidemark.it.backend;

import com.couchbase.client.java.Cluster;
import com.couchbase.client.java.ClusterOptions;
import com.couchbase.mock.Bucket;
import com.couchbase.mock.BucketConfiguration;
import com.couchbase.mock.CouchbaseMock;
import com.couchbase.mock.memcached.MemcachedServer;
import io.tidemark.adapter.couchbase.CouchbaseAuditStore;
import io.tidemark.it.net.LoopbackProxy;
import io.tidemark.spi.AuditStore;
import java.io.IOException;
import java.lang.reflect.Field;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A CouchbaseMock of its own that every client reaches only through two loopback proxies, one for
 * the key-value (memcached) port and one for the HTTP (management) port: an outage route for
 * Couchbase that cuts real TCP connections.
 *
 * <p>Why this needs more than a proxy: a Couchbase client contacts its seed nodes only to fetch the
 * cluster map, and then connects to the node addresses the map advertises, which are the mock's own
 * ports; a proxy used only as the seed would be bypassed. Real clusters solve the same problem
 * (NAT, port forwarding) by advertising the address clients must use. CouchbaseMock has no option
 * for that, so after starting it this class sets the ports it <em>advertises</em> (the
 * {@code port} field of its {@link MemcachedServer} and of {@link CouchbaseMock}, used only to
 * render the cluster map; the sockets stay bound where they are) to the proxies' ports, by
 * reflection. The map then names the proxies, so every connection the SDK makes, bootstrap and
 * data alike, goes through them, and {@link #cut()} really cuts it off. A dedicated mock is used
 * because the rewritten map sends every client of the mock through the proxies.
 *
 * <p>Clients get a 1 s key-value timeout, so a cut operation fails within about a second. Stores
 * and counters opened after {@link #restore()} use new clients.
 */
public final class CouchbaseMockBehindProxy implements OutageRoute {

    private static final String BUCKET = "outage";
    private static final String PASSWORD = "outage-bucket-password";
    private static final Duration KV_TIMEOUT = Duration.ofSeconds(1);
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(30);

    private final CouchbaseMock mock;
    private final LoopbackProxy keyValue;
    private final LoopbackProxy http;
    private final String keyPrefix;
    private final List<Cluster> clusters = new CopyOnWriteArrayList<>();
    private volatile Counters counters;

    private CouchbaseMockBehindProxy(CouchbaseMock mock, LoopbackProxy keyValue, LoopbackProxy http, String keyPrefix) {
        this.mock = mock;
        this.keyValue = keyValue;
        this.http = http;
        this.keyPrefix = keyPrefix;
        this.counters = new CouchbaseCounters(connect().bucket(BUCKET).defaultCollection(), keyPrefix, null);
    }

    /** Starts the mock and its proxies; records, locks and counters live under {@code keyPrefix}. */
    public static CouchbaseMockBehindProxy start(String keyPrefix) {
        BucketConfiguration bucket = new BucketConfiguration();
        bucket.type = Bucket.BucketType.COUCHBASE;
        bucket.name = BUCKET;
        bucket.password = PASSWORD;
        bucket.numNodes = 1;
        bucket.numReplicas = 0;
        bucket.numVBuckets = 64;
        CouchbaseMock mock;
        try {
            mock = new CouchbaseMock(0, List.of(bucket));
            mock.start();
            mock.waitForStartup();
        } catch (IOException e) {
            throw new IllegalStateException("could not start CouchbaseMock", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting CouchbaseMock", e);
        }
        MemcachedServer node = mock.getBuckets().get(BUCKET).getServers()[0];
        node.setCccpEnabled(true);
        LoopbackProxy keyValue = LoopbackProxy.start("127.0.0.1", node.getPort());
        LoopbackProxy http = LoopbackProxy.start("127.0.0.1", mock.getHttpPort());
        advertise(MemcachedServer.class, node, keyValue.port());
        advertise(CouchbaseMock.class, mock, http.port());
        return new CouchbaseMockBehindProxy(mock, keyValue, http, keyPrefix);
    }

    private static void advertise(Class<?> type, Object target, int port) {
        try {
            Field field = type.getDeclaredField("port");
            field.setAccessible(true);
            field.setInt(target, port);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(
                    "CouchbaseMock changed: cannot make " + type.getSimpleName() + " advertise port " + port, e);
        }
    }

    /** Seeds naming only the proxies. */
    public String connectionString() {
        return "couchbase://" + keyValue.hostAndPort() + "=kv," + http.hostAndPort() + "=manager";
    }

    private Cluster connect() {
        Cluster cluster = Cluster.connect(
                connectionString(),
                ClusterOptions.clusterOptions(BUCKET, PASSWORD)
                        .environment(
                                environment -> environment.timeoutConfig(timeouts -> timeouts.kvTimeout(KV_TIMEOUT))));
        clusters.add(cluster);
        cluster.bucket(BUCKET).waitUntilReady(READY_TIMEOUT);
        return cluster;
    }

    @Override
    public AuditStore openStore(Clock clock) {
        return CouchbaseAuditStore.builder(connect(), BUCKET)
                .keyPrefix(keyPrefix)
                .clock(clock)
                .connectionString(connectionString())
                .build();
    }

    @Override
    public Counters counters() {
        return counters;
    }

    @Override
    public void cut() {
        keyValue.cut();
        http.cut();
    }

    /**
     * Forwards connections again. The clients that lived through the outage are disconnected and
     * the counters get a new client, as a restarted process would have: the stores opened before the
     * cut belong to the run that failed, and how (or whether) a Couchbase client that spent seconds
     * reconnecting to reset connections recovers is the SDK's business, not what this test proves.
     */
    @Override
    public void restore() {
        keyValue.restore();
        http.restore();
        List<Cluster> old = List.copyOf(clusters);
        clusters.clear();
        old.forEach(Cluster::disconnect);
        counters = new CouchbaseCounters(connect().bucket(BUCKET).defaultCollection(), keyPrefix, null);
    }

    @Override
    public String address() {
        return keyValue.hostAndPort();
    }

    /** How many key-value connections went through the proxy: proof that clients did not bypass it. */
    public int keyValueConnectionsForwarded() {
        return keyValue.connectionsForwarded();
    }

    @Override
    public void close() {
        try {
            clusters.forEach(Cluster::disconnect);
        } finally {
            keyValue.close();
            http.close();
            mock.stop();
        }
    }

    @Override
    public String toString() {
        return "CouchbaseMock behind " + keyValue + " and " + http;
    }
}
