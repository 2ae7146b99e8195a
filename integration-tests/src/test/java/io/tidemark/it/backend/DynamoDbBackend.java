package io.tidemark.it.backend;

import io.tidemark.adapter.dynamodb.DynamoDbAuditStore;
import io.tidemark.adapter.dynamodb.DynamoDbAuditStoreProvider;
import io.tidemark.adapter.dynamodb.testing.AuditItemTampering;
import io.tidemark.spi.AuditRecord;
import io.tidemark.spi.AuditStore;
import java.net.URI;
import java.time.Clock;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * DynamoDB over HTTP (dynalite started by the tests, or moto in a container): one table prefix per
 * namespace, {@code <namespace>_}, for the audit and lock tables and the counters table.
 */
public final class DynamoDbBackend implements Backend {

    public static final String NAME = "dynamodb";

    private final URI endpoint;
    private final String region;
    private final DynamoDbClient client;

    /**
     * @param endpoint where DynamoDB listens
     * @param client   a client of it shared by the tests; the caller closes it
     */
    public DynamoDbBackend(URI endpoint, String region, DynamoDbClient client) {
        this.endpoint = endpoint;
        this.region = region;
        this.client = client;
    }

    static String tablePrefix(String namespace) {
        return namespace + "_";
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Map<String, String> configuration(String namespace) {
        return Map.of("tidemark.store", NAME, DynamoDbAuditStoreProvider.ENDPOINT, endpoint.toString(),
                DynamoDbAuditStoreProvider.REGION, region, DynamoDbAuditStoreProvider.TABLE_PREFIX, tablePrefix(namespace));
    }

    @Override
    public AuditStore openStore(String namespace, Clock clock) {
        return DynamoDbAuditStore.builder(client).tablePrefix(tablePrefix(namespace)).clock(clock).build();
    }

    @Override
    public Counters counters(String namespace) {
        return new DynamoDbCounters(client, tablePrefix(namespace), false);
    }

    @Override
    public RawAuditRecords rawRecords(String namespace) {
        AuditItemTampering tampering = new AuditItemTampering(client,
                tablePrefix(namespace) + DynamoDbAuditStore.DEFAULT_AUDIT_TABLE);
        return new RawAuditRecords() {
            @Override
            public void overwrite(AuditRecord replacement) {
                tampering.overwrite(replacement);
            }

            @Override
            public void delete(String chain, long seq) {
                tampering.delete(chain, seq);
            }
        };
    }

    /** A {@link io.tidemark.it.net.LoopbackProxy} in front of the endpoint; clients use it as their endpoint. */
    @Override
    public OutageRoute outageRoute(String namespace) {
        return new DynamoDbProxyRoute(endpoint, region, tablePrefix(namespace), counters(namespace));
    }

    @Override
    public String toString() {
        return NAME;
    }
}
