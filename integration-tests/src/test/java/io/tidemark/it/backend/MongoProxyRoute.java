package io.tidemark.it.backend;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.tidemark.adapter.mongodb.MongoAuditStore;
import io.tidemark.it.net.LoopbackProxy;
import io.tidemark.spi.AuditStore;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * MongoDB behind a loopback proxy. Clients connect to the proxy with {@code directConnection=true}
 * (so the driver never looks for other members), give up server selection after 1.5 s and reads
 * after 3 s: a cut fails an operation within seconds.
 */
final class MongoProxyRoute implements OutageRoute {

    private final LoopbackProxy proxy;
    private final String database;
    private final Counters counters;
    private final List<MongoClient> clients = new CopyOnWriteArrayList<>();

    /** A proxy in front of the first host of {@code connectionString}, for stores in {@code database}. */
    MongoProxyRoute(String connectionString, String database, Counters counters) {
        String server = new ConnectionString(connectionString).getHosts().get(0);
        int colon = server.lastIndexOf(':');
        this.proxy = LoopbackProxy.start(server.substring(0, colon), Integer.parseInt(server.substring(colon + 1)));
        this.database = database;
        this.counters = counters;
    }

    @Override
    public AuditStore openStore(Clock clock) {
        MongoClient client = MongoClients.create(MongoClientSettings.builder()
                .applyConnectionString(
                        new ConnectionString("mongodb://" + proxy.hostAndPort() + "/?directConnection=true"))
                .applyToClusterSettings(cluster -> cluster.serverSelectionTimeout(1500, TimeUnit.MILLISECONDS))
                .applyToSocketSettings(socket ->
                        socket.connectTimeout(500, TimeUnit.MILLISECONDS).readTimeout(3, TimeUnit.SECONDS))
                .build());
        clients.add(client);
        return MongoAuditStore.builder(client, database).clock(clock).build();
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
        clients.forEach(MongoClient::close);
        counters.close();
        proxy.close();
    }

    @Override
    public String toString() {
        return "MongoDB through " + proxy;
    }
}
