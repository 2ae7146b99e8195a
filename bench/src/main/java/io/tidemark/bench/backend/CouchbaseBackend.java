package io.tidemark.bench.backend;

import com.couchbase.client.java.Cluster;
import com.couchbase.client.java.ClusterOptions;
import io.tidemark.adapter.couchbase.CouchbaseAuditStore;
import io.tidemark.adapter.couchbase.testing.CouchbaseMockServer;
import io.tidemark.spi.AuditStore;
import java.time.Duration;

/** CouchbaseMock with one bucket, reached over its key-value port by the Couchbase Java SDK. */
public final class CouchbaseBackend implements Backend {

    private final CouchbaseMockServer server;

    private CouchbaseBackend(CouchbaseMockServer server) {
        this.server = server;
    }

    /** Starts the mock (about a second). */
    public static CouchbaseBackend start() {
        return new CouchbaseBackend(CouchbaseMockServer.start());
    }

    /** The mock, for checking the tracer's counts against its own command log. */
    public CouchbaseMockServer server() {
        return server;
    }

    @Override
    public String name() {
        return "couchbase";
    }

    @Override
    public String describe() {
        return "CouchbaseMock at " + server.connectionString() + ", Couchbase java-client, key-value only";
    }

    @Override
    public BackendConnection connect() {
        TrafficMeter meter = new TrafficMeter();
        CouchbaseRequestMeter tracer = new CouchbaseRequestMeter(meter, CouchbaseAuditStore.Builder.DEFAULT_KEY_PREFIX);
        Cluster cluster = Cluster.connect(server.connectionString(), ClusterOptions
                .clusterOptions(server.username(), server.password())
                .environment(environment -> environment.requestTracer(tracer)));
        cluster.bucket(server.bucket()).waitUntilReady(Duration.ofSeconds(30));
        return new BackendConnection() {
            @Override
            public AuditStore newStore() {
                return CouchbaseAuditStore.builder(cluster, server.bucket()).connectionString(server.connectionString())
                        .build();
            }

            @Override
            public TrafficMeter meter() {
                return meter;
            }

            @Override
            public void close() {
                cluster.disconnect();
            }
        };
    }

    @Override
    public void close() {
        server.close();
    }
}
