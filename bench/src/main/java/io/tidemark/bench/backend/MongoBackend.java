package io.tidemark.bench.backend;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import io.tidemark.adapter.mongodb.MongoAuditStore;
import io.tidemark.adapter.mongodb.testing.AuditDocuments;
import io.tidemark.adapter.mongodb.testing.EmbeddedMongoServer;
import io.tidemark.spi.AuditStore;
import org.bson.Document;

/** mongo-java-server (memory backend) on a loopback port, reached by mongodb-driver-sync. */
public final class MongoBackend implements Backend {

    private static final String DATABASE = "bench";
    private static final int MONGO_BATCH = 1_000;

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
        MongoCommandMeter listener = new MongoCommandMeter(meter, MongoAuditStore.DEFAULT_AUDIT_COLLECTION,
                MongoAuditStore.DEFAULT_LOCK_COLLECTION);
        MongoClient client = server.newClient(settings -> settings.addCommandListener(listener));
        return new BackendConnection() {
            @Override
            public AuditStore newStore() {
                return MongoAuditStore.builder(client, DATABASE).build();
            }

            @Override
            public TrafficMeter meter() {
                return meter;
            }

            /** {@code insertMany} of the adapter's documents, a thousand a request (after the unique index exists). */
            @Override
            public RecordLoader loader() {
                newStore().initialize();
                MongoCollection<Document> audit = client.getDatabase(DATABASE)
                        .getCollection(MongoAuditStore.DEFAULT_AUDIT_COLLECTION);
                return records -> {
                    for (int from = 0; from < records.size(); from += MONGO_BATCH) {
                        audit.insertMany(records.subList(from, Math.min(records.size(), from + MONGO_BATCH)).stream()
                                .map(AuditDocuments::toDocument).toList());
                    }
                };
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
