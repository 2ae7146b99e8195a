package io.tidemark.it.backend;

import com.mongodb.ConnectionString;
import com.mongodb.client.MongoClient;
import io.tidemark.adapter.mongodb.MongoAuditStore;
import io.tidemark.adapter.mongodb.MongoAuditStoreProvider;
import io.tidemark.adapter.mongodb.testing.AuditTampering;
import io.tidemark.spi.AuditRecord;
import io.tidemark.spi.AuditStore;
import java.time.Clock;
import java.util.Map;

/**
 * MongoDB (mongo-java-server, or {@code mongod} in a container): one database per namespace,
 * {@code it_<namespace>}, holding the audit and lock collections and the counters.
 */
public final class MongoBackend implements Backend {

    public static final String NAME = "mongodb";

    private final String uri;
    private final MongoClient client;

    /**
     * @param uri    the connection string clients use (no database in it)
     * @param client a client of that server shared by the tests; the caller closes it
     */
    public MongoBackend(String uri, MongoClient client) {
        this.uri = uri;
        this.client = client;
    }

    static String database(String namespace) {
        return "it_" + namespace;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Map<String, String> configuration(String namespace) {
        return Map.of("tidemark.store", NAME, MongoAuditStoreProvider.URI, uri,
                MongoAuditStoreProvider.DATABASE, database(namespace));
    }

    @Override
    public AuditStore openStore(String namespace, Clock clock) {
        return MongoAuditStore.builder(client, database(namespace)).clock(clock).build();
    }

    @Override
    public Counters counters(String namespace) {
        return new MongoCounters(client, database(namespace), false);
    }

    @Override
    public RawAuditRecords rawRecords(String namespace) {
        AuditTampering tampering = AuditTampering.of(client, database(namespace),
                MongoAuditStore.DEFAULT_AUDIT_COLLECTION);
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

    /** A {@link io.tidemark.it.net.LoopbackProxy} in front of the server; clients connect with {@code directConnection=true}. */
    @Override
    public OutageRoute outageRoute(String namespace) {
        String server = new ConnectionString(uri).getHosts().get(0);
        int colon = server.lastIndexOf(':');
        return new MongoProxyRoute(server.substring(0, colon), Integer.parseInt(server.substring(colon + 1)),
                database(namespace), counters(namespace));
    }

    @Override
    public String toString() {
        return NAME;
    }
}
