package io.tidemark.it.backend;

import com.couchbase.client.java.Cluster;
import com.couchbase.client.java.ClusterOptions;
import io.tidemark.adapter.couchbase.CouchbaseAuditStore;
import io.tidemark.spi.AuditStore;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.testcontainers.containers.GenericContainer;

/**
 * An outage of a Couchbase Server running in a container, made by pausing the container
 * ({@code docker pause}): the server stops answering on every port until it is unpaused.
 *
 * <p>Why not the loopback proxy used for the other backends: a Couchbase client connects to the
 * node addresses advertised in the cluster map (for a container, the alternate addresses that
 * Testcontainers sets to the mapped ports), so a proxy given only as the seed would be bypassed.
 * Pausing cuts every path at once; live connections are not reset but stop answering, so the
 * operations time out (a 1 s key-value timeout here), which the adapter reports as unavailable just
 * like a reset connection.
 */
public final class PausedContainerRoute implements OutageRoute {

    private static final Duration KV_TIMEOUT = Duration.ofSeconds(1);
    private static final Duration READY_TIMEOUT = Duration.ofMinutes(1);

    private final GenericContainer<?> container;
    private final String connectionString;
    private final String username;
    private final String password;
    private final String bucket;
    private final String keyPrefix;
    private final List<Cluster> clusters = new CopyOnWriteArrayList<>();
    private volatile Counters counters;
    private volatile boolean paused;

    public PausedContainerRoute(
            GenericContainer<?> container,
            String connectionString,
            String username,
            String password,
            String bucket,
            String keyPrefix) {
        this.container = container;
        this.connectionString = connectionString;
        this.username = username;
        this.password = password;
        this.bucket = bucket;
        this.keyPrefix = keyPrefix;
        this.counters = new CouchbaseCounters(connect().bucket(bucket).defaultCollection(), keyPrefix, null);
    }

    private Cluster connect() {
        Cluster cluster = Cluster.connect(
                connectionString,
                ClusterOptions.clusterOptions(username, password)
                        .environment(
                                environment -> environment.timeoutConfig(timeouts -> timeouts.kvTimeout(KV_TIMEOUT))));
        clusters.add(cluster);
        cluster.bucket(bucket).waitUntilReady(READY_TIMEOUT);
        return cluster;
    }

    @Override
    public AuditStore openStore(Clock clock) {
        return CouchbaseAuditStore.builder(connect(), bucket)
                .keyPrefix(keyPrefix)
                .clock(clock)
                .connectionString(connectionString)
                .build();
    }

    @Override
    public Counters counters() {
        return counters;
    }

    @Override
    public void cut() {
        container
                .getDockerClient()
                .pauseContainerCmd(container.getContainerId())
                .exec();
        paused = true;
    }

    /**
     * Unpauses the container. The clients that lived through the outage are disconnected and the
     * counters get a new client, as a restarted process would have.
     */
    @Override
    public void restore() {
        container
                .getDockerClient()
                .unpauseContainerCmd(container.getContainerId())
                .exec();
        paused = false;
        List<Cluster> old = List.copyOf(clusters);
        clusters.clear();
        old.forEach(Cluster::disconnect);
        counters = new CouchbaseCounters(connect().bucket(bucket).defaultCollection(), keyPrefix, null);
    }

    @Override
    public String address() {
        return connectionString;
    }

    /** Disconnects the clients; unpauses the container if a failed test left it paused, for the tests after it. */
    @Override
    public void close() {
        try {
            if (paused) {
                container
                        .getDockerClient()
                        .unpauseContainerCmd(container.getContainerId())
                        .exec();
                paused = false;
            }
        } finally {
            clusters.forEach(Cluster::disconnect);
        }
    }

    @Override
    public String toString() {
        return "Couchbase in container " + container.getContainerName() + " (paused to cut)";
    }
}
