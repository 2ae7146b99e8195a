package io.tidemark.spring.boot.autoconfigure;

import com.couchbase.client.core.msg.kv.DurabilityLevel;
import com.couchbase.client.java.Cluster;
import io.tidemark.adapter.couchbase.CouchbaseAuditStore;
import io.tidemark.adapter.couchbase.CouchbaseAuditStoreProvider;
import io.tidemark.core.TidemarkConfig;
import io.tidemark.spi.AuditStore;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;

/**
 * The Couchbase store around the application's {@link Cluster} bean: the bucket
 * ({@code tidemark.couchbase.bucket}, required), scope, collection, key prefix, durability,
 * {@code auto-create} and page size come from the adapter's keys; connection, credentials and
 * timeouts are the cluster's.
 */
final class CouchbaseClientStoreSource implements ClientStoreSource {

    private final ObjectProvider<Cluster> clusters;

    CouchbaseClientStoreSource(ObjectProvider<Cluster> clusters) {
        this.clusters = clusters;
    }

    @Override
    public String storeName() {
        return "couchbase";
    }

    @Override
    public String clientType() {
        return Cluster.class.getName();
    }

    @Override
    public List<String> connectionKeys() {
        return List.of(CouchbaseAuditStoreProvider.CONNECTION_STRING);
    }

    @Override
    public List<String> connectionSettings() {
        return List.of(
                CouchbaseAuditStoreProvider.USERNAME,
                CouchbaseAuditStoreProvider.PASSWORD,
                CouchbaseAuditStoreProvider.TIMEOUT,
                CouchbaseAuditStoreProvider.CONNECT_TIMEOUT);
    }

    @Override
    public String clientSettingsHint() {
        return "with Spring Boot's cluster, spring.couchbase.username, spring.couchbase.password and "
                + "spring.couchbase.env.timeouts.*";
    }

    @Override
    public boolean hasClient() {
        return clusters.getIfUnique() != null;
    }

    @Override
    public AuditStore create(TidemarkConfig config, Clock clock) {
        String bucket = config.require(
                CouchbaseAuditStoreProvider.BUCKET,
                "the Couchbase bucket holding Tidemark's documents, reached through the application's Cluster bean");
        CouchbaseAuditStore.Builder builder =
                CouchbaseAuditStore.builder(clusters.getObject(), bucket).clock(clock);
        config.get(CouchbaseAuditStoreProvider.SCOPE).ifPresent(builder::scope);
        config.get(CouchbaseAuditStoreProvider.COLLECTION).ifPresent(builder::collection);
        config.get(CouchbaseAuditStoreProvider.KEY_PREFIX).ifPresent(builder::keyPrefix);
        config.getChoice(
                        CouchbaseAuditStoreProvider.DURABILITY,
                        Arrays.stream(DurabilityLevel.values())
                                .map(DurabilityLevel::name)
                                .toList())
                .map(DurabilityLevel::valueOf)
                .ifPresent(builder::durability);
        config.getBoolean(CouchbaseAuditStoreProvider.AUTO_CREATE).ifPresent(builder::autoCreate);
        config.getLong(CouchbaseAuditStoreProvider.PAGE_SIZE)
                .ifPresent(size -> builder.pageSize(Math.toIntExact(size)));
        return builder.build();
    }
}
