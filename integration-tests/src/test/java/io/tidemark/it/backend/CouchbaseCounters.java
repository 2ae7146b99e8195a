package io.tidemark.it.backend;

import com.couchbase.client.core.error.DocumentNotFoundException;
import com.couchbase.client.java.Cluster;
import com.couchbase.client.java.ClusterOptions;
import com.couchbase.client.java.Collection;
import com.couchbase.client.java.kv.DecrementOptions;
import com.couchbase.client.java.kv.IncrementOptions;
import io.tidemark.adapter.couchbase.CouchbaseAuditStoreProvider;
import java.time.Duration;
import java.util.Map;

/**
 * Counters as Couchbase counter documents {@code <prefix>::it-counter::<name>}, changed with the
 * key-value {@code increment}/{@code decrement} operations (atomic on the server).
 */
final class CouchbaseCounters implements Counters {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(30);

    private final Collection collection;
    private final String keyPrefix;
    private final Cluster ownedCluster;

    CouchbaseCounters(Collection collection, String keyPrefix, Cluster ownedCluster) {
        this.collection = collection;
        this.keyPrefix = keyPrefix;
        this.ownedCluster = ownedCluster;
    }

    static CouchbaseCounters connect(Map<String, String> configuration) {
        Cluster cluster = Cluster.connect(configuration.get(CouchbaseAuditStoreProvider.CONNECTION_STRING),
                ClusterOptions.clusterOptions(configuration.get(CouchbaseAuditStoreProvider.USERNAME),
                        configuration.get(CouchbaseAuditStoreProvider.PASSWORD)));
        String bucket = configuration.get(CouchbaseAuditStoreProvider.BUCKET);
        cluster.bucket(bucket).waitUntilReady(READY_TIMEOUT);
        return new CouchbaseCounters(cluster.bucket(bucket).defaultCollection(),
                configuration.get(CouchbaseAuditStoreProvider.KEY_PREFIX), cluster);
    }

    private String key(String name) {
        return keyPrefix + "::it-counter::" + name;
    }

    @Override
    public void add(String name, long delta) {
        if (delta >= 0) {
            collection.binary().increment(key(name), IncrementOptions.incrementOptions().delta(delta).initial(delta));
        } else {
            collection.binary().decrement(key(name), DecrementOptions.decrementOptions().delta(-delta).initial(0));
        }
    }

    @Override
    public long get(String name) {
        try {
            return collection.get(key(name)).contentAs(Long.class);
        } catch (DocumentNotFoundException never) {
            return 0;
        }
    }

    @Override
    public void close() {
        if (ownedCluster != null) {
            ownedCluster.disconnect();
        }
    }
}
