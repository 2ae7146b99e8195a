package io.tidemark.it.backend;

import io.tidemark.adapter.dynamodb.DynamoDbAuditStore;
import io.tidemark.adapter.dynamodb.testing.DynamoDbClientFactory;
import io.tidemark.it.net.LoopbackProxy;
import io.tidemark.spi.AuditStore;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * DynamoDB behind a loopback proxy used as the clients' endpoint. Clients fail fast (no retries,
 * 2 s per attempt), so a cut fails an operation at once.
 */
final class DynamoDbProxyRoute implements OutageRoute {

    private final LoopbackProxy proxy;
    private final String region;
    private final String tablePrefix;
    private final Counters counters;
    private final List<DynamoDbClient> clients = new CopyOnWriteArrayList<>();

    /** A proxy in front of the endpoint {@code clients} reach, for stores under {@code tablePrefix}. */
    DynamoDbProxyRoute(DynamoDbClientFactory clients, String tablePrefix, Counters counters) {
        URI endpoint = clients.endpoint();
        this.proxy = LoopbackProxy.start(endpoint.getHost(), endpoint.getPort());
        this.region = clients.region();
        this.tablePrefix = tablePrefix;
        this.counters = counters;
    }

    @Override
    public AuditStore openStore(Clock clock) {
        DynamoDbClient client =
                new DynamoDbClientFactory(URI.create("http://" + proxy.hostAndPort()), region).createFailingFast();
        clients.add(client);
        return DynamoDbAuditStore.builder(client)
                .tablePrefix(tablePrefix)
                .clock(clock)
                .build();
    }

    @Override
    public Counters counters() {
        return counters;
    }

    @Override
    public void cut() {
        proxy.cut();
    }

    @Override
    public void restore() {
        proxy.restore();
    }

    @Override
    public String address() {
        return proxy.hostAndPort();
    }

    @Override
    public void close() {
        clients.forEach(DynamoDbClient::close);
        counters.close();
        proxy.close();
    }

    @Override
    public String toString() {
        return "DynamoDB through " + proxy;
    }
}
