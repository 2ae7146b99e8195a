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
    private static final String DEFAULT = "_default";

    private final Collection collection;
    private final String keyPrefix;
    private final Cluster ownedCluster;

    CouchbaseCounters(Collection collection, String keyPrefix, Cluster ownedCluster) {
        this.collection = collection;
        this.keyPrefix = keyPrefix;
        this.ownedCluster = ownedCluster;
    }

    /**
     * Under the key prefix {@code configuration} names, in its scope and collection (default: the
     * bucket's default collection), with a cluster connection of their own.
     */
    static CouchbaseCounters connect(Map<String, String> configuration) {
        Cluster cluster = Cluster.connect(
                configuration.get(CouchbaseAuditStoreProvider.CONNECTION_STRING),
                ClusterOptions.clusterOptions(
                        configuration.get(CouchbaseAuditStoreProvider.USERNAME),
                        configuration.get(CouchbaseAuditStoreProvider.PASSWORD)));
        String bucket = configuration.get(CouchbaseAuditStoreProvider.BUCKET);
        cluster.bucket(bucket).waitUntilReady(READY_TIMEOUT);
        Collection collection = cluster.bucket(bucket)
                .scope(configuration.getOrDefault(CouchbaseAuditStoreProvider.SCOPE, DEFAULT))
                .collection(configuration.getOrDefault(CouchbaseAuditStoreProvider.COLLECTION, DEFAULT));
        return new CouchbaseCounters(collection, configuration.get(CouchbaseAuditStoreProvider.KEY_PREFIX), cluster);
    }

    /** Under the key prefix {@code configuration} names, in {@code collection}, whose connection stays open. */
    static CouchbaseCounters over(Collection collection, Map<String, String> configuration) {
        return new CouchbaseCounters(collection, configuration.get(CouchbaseAuditStoreProvider.KEY_PREFIX), null);
    }

    private String key(String name) {
        return keyPrefix + "::it-counter::" + name;
    }

    @Override
    public void add(String name, long delta) {
        if (delta >= 0) {
            collection
                    .binary()
                    .increment(
                            key(name),
                            IncrementOptions.incrementOptions().delta(delta).initial(delta));
        } else {
            collection
                    .binary()
                    .decrement(
                            key(name),
                            DecrementOptions.decrementOptions().delta(-delta).initial(0));
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
