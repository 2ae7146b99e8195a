package io.tidemark.it.backend;

import com.couchbase.client.java.Cluster;
import com.couchbase.client.java.Collection;
import io.tidemark.adapter.couchbase.CouchbaseAuditStore;
import io.tidemark.adapter.couchbase.CouchbaseAuditStoreProvider;
import io.tidemark.adapter.couchbase.testing.RawAuditDocuments;
import io.tidemark.spi.AuditRecord;
import io.tidemark.spi.AuditStore;
import java.time.Clock;
import java.util.Map;
import java.util.function.Function;

/**
 * Couchbase (CouchbaseMock, or Couchbase Server in a container): one key prefix per namespace in
 * the {@code _default} collection of one bucket, for audit records, locks and counters alike.
 */
public final class CouchbaseBackend implements Backend {

    public static final String NAME = "couchbase";

    private final String connectionString;
    private final String username;
    private final String password;
    private final String bucket;
    private final Cluster cluster;
    private final Function<String, OutageRoute> outages;

    /**
     * @param cluster a cluster connected to the server, shared by the tests; the caller disconnects it
     * @param outages how to make an outage route for a namespace (the mock and a real server need different means)
     */
    public CouchbaseBackend(String connectionString, String username, String password, String bucket, Cluster cluster,
            Function<String, OutageRoute> outages) {
        this.connectionString = connectionString;
        this.username = username;
        this.password = password;
        this.bucket = bucket;
        this.cluster = cluster;
        this.outages = outages;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Map<String, String> configuration(String namespace) {
        return Map.of("tidemark.store", NAME,
                CouchbaseAuditStoreProvider.CONNECTION_STRING, connectionString,
                CouchbaseAuditStoreProvider.USERNAME, username,
                CouchbaseAuditStoreProvider.PASSWORD, password,
                CouchbaseAuditStoreProvider.BUCKET, bucket,
                CouchbaseAuditStoreProvider.KEY_PREFIX, namespace);
    }

    @Override
    public AuditStore openStore(String namespace, Clock clock) {
        return CouchbaseAuditStore.builder(cluster, bucket).keyPrefix(namespace).clock(clock)
                .connectionString(connectionString).build();
    }

    @Override
    public Counters counters(String namespace) {
        return new CouchbaseCounters(collection(), namespace, null);
    }

    @Override
    public RawAuditRecords rawRecords(String namespace) {
        RawAuditDocuments documents = new RawAuditDocuments(collection(), namespace);
        return new RawAuditRecords() {
            @Override
            public void overwrite(AuditRecord replacement) {
                documents.overwrite(replacement);
            }

            @Override
            public void delete(String chain, long seq) {
                documents.delete(chain, seq);
            }
        };
    }

    @Override
    public OutageRoute outageRoute(String namespace) {
        return outages.apply(namespace);
    }

    private Collection collection() {
        return cluster.bucket(bucket).defaultCollection();
    }

    @Override
    public String toString() {
        return NAME;
    }
}
