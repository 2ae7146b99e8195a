package io.tidemark.cli;

import io.tidemark.adapter.mongodb.testing.AuditTampering;
import io.tidemark.adapter.mongodb.testing.EmbeddedMongoServer;
import io.tidemark.spi.AuditRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** mongo-java-server, one database per namespace. */
final class MongoCliBackend implements CliBackend {

    private static final AtomicInteger NAMESPACES = new AtomicInteger();

    private final EmbeddedMongoServer server = EmbeddedMongoServer.start();

    @Override
    public String name() {
        return "mongodb";
    }

    @Override
    public Map<String, String> newNamespace() {
        return Map.of("tidemark.store", "mongodb", "tidemark.mongodb.uri", server.connectionString(),
                "tidemark.mongodb.database", "cli" + NAMESPACES.incrementAndGet());
    }

    @Override
    public Map<String, String> withoutTables() {
        return Map.of("tidemark.store", "mongodb", "tidemark.mongodb.uri", server.connectionString(),
                "tidemark.mongodb.database", "absent" + NAMESPACES.incrementAndGet());
    }

    @Override
    public String missingName(Map<String, String> config) {
        return "tidemarkAudit";
    }

    @Override
    public List<String> storedFor(Map<String, String> config) {
        String database = config.get("tidemark.mongodb.database");
        List<String> stored = new ArrayList<>();
        server.client().getDatabase(database).listCollectionNames().forEach(name -> stored.add(database + "." + name));
        return stored;
    }

    @Override
    public Map<String, String> unreachable() {
        return Map.of("tidemark.store", "mongodb",
                "tidemark.mongodb.uri", "mongodb://ops:hunter2@127.0.0.1:9/?serverSelectionTimeoutMS=300",
                "tidemark.mongodb.database", "unreachable");
    }

    @Override
    public void overwrite(Map<String, String> namespace, AuditRecord replacement) {
        AuditTampering.of(server.client(), namespace.get("tidemark.mongodb.database"), "tidemarkAudit")
                .overwrite(replacement);
    }

    @Override
    public void close() {
        server.close();
    }
}
