package io.tidemark.bench.backend;

import com.mongodb.client.MongoClient;
import io.tidemark.adapter.mongodb.MongoAuditStore;
import io.tidemark.adapter.mongodb.MongoStoreOptions;
import io.tidemark.adapter.mongodb.testing.EmbeddedMongoServer;
import io.tidemark.core.port.AuditStore;

/** mongo-java-server (memory backend) on a loopback port, reached by mongodb-driver-sync. */
public final class MongoBackend implements Backend {

    private static final String DATABASE = "bench";

    private final EmbeddedMongoServer server;

    private MongoBackend(EmbeddedMongoServer server) {
        this.server = server;
    }

    /** Starts the server. */
    public static MongoBackend start() {
        return new MongoBackend(EmbeddedMongoServer.start());
    }

    @Override
    public String name() {
        return "mongodb";
    }

    @Override
    public String describe() {
        return "mongo-java-server (memory backend) at " + server.connectionString() + ", mongodb-driver-sync";
    }

    @Override
    public BackendConnection connect() {
        TrafficMeter meter = new TrafficMeter();
        MongoCommandMeter listener = new MongoCommandMeter(meter, MongoStoreOptions.DEFAULT_AUDIT_COLLECTION,
                MongoStoreOptions.DEFAULT_LOCK_COLLECTION);
        MongoClient client = server.newClient(settings -> settings.addCommandListener(listener));
        return new BackendConnection() {
            @Override
            public AuditStore newStore() {
                return new MongoAuditStore(client, DATABASE);
            }

            @Override
            public TrafficMeter meter() {
                return meter;
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
