package io.tidemark.bench.backend;

import io.tidemark.adapter.dynamodb.DynamoDbAuditStore;
import io.tidemark.adapter.dynamodb.testing.DynaliteServer;
import io.tidemark.spi.AuditStore;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * dynalite (npm {@code dynalite}, a Node.js process, in memory) on a loopback port, reached over
 * HTTP by the AWS SDK v2 with its default HTTP client, retries and timeouts, as an application
 * reaches AWS. The server is the tests' fixture, {@link DynaliteServer}: the build installs it with
 * {@code npm ci} (the {@code bench} profile does so itself, since it runs with {@code -DskipTests}).
 */
public final class DynamoDbBackend implements Backend {

    private final DynaliteServer server;

    private DynamoDbBackend(DynaliteServer server) {
        this.server = server;
    }

    /** Starts the server. */
    public static DynamoDbBackend start() {
        return new DynamoDbBackend(DynaliteServer.start());
    }

    @Override
    public String name() {
        return "dynamodb";
    }

    @Override
    public String describe() {
        return server.versions() + " (in memory) at " + server.endpoint() + ", AWS SDK v2 over HTTP";
    }

    @Override
    public BackendConnection connect() {
        TrafficMeter meter = new TrafficMeter();
        DynamoDbRequestMeter interceptor = new DynamoDbRequestMeter(meter, DynamoDbAuditStore.DEFAULT_AUDIT_TABLE,
                DynamoDbAuditStore.DEFAULT_LOCK_TABLE);
        DynamoDbClient client = server.clients().create(overrides -> overrides.addExecutionInterceptor(interceptor));
        return new BackendConnection() {
            @Override
            public AuditStore newStore() {
                return DynamoDbAuditStore.builder(client).build();
            }

            @Override
            public TrafficMeter meter() {
                return meter;
            }

            /** {@code BatchWriteItem}, 25 items a request, several requests at a time. */
            @Override
            public RecordLoader loader() {
                newStore().initialize();
                return new DynamoDbBatchLoader(client, DynamoDbAuditStore.DEFAULT_AUDIT_TABLE);
            }

            @Override
            public void close() {
                client.close();
            }
        };
    }

    @Override
    public void close() {
        server.close();
    }
}
