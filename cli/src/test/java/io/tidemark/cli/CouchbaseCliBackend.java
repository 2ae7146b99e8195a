package io.tidemark.cli;

import io.tidemark.adapter.couchbase.testing.CouchbaseMockServer;
import io.tidemark.adapter.couchbase.testing.RawAuditDocuments;
import io.tidemark.spi.AuditRecord;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** CouchbaseMock, one key prefix per namespace. */
final class CouchbaseCliBackend implements CliBackend {

    private static final AtomicInteger NAMESPACES = new AtomicInteger();

    private final CouchbaseMockServer server = CouchbaseMockServer.start();

    @Override
    public String name() {
        return "couchbase";
    }

    @Override
    public Map<String, String> newNamespace() {
        return Map.of("tidemark.store", "couchbase",
                "tidemark.couchbase.connection-string", server.connectionString(),
                "tidemark.couchbase.username", server.username(),
                "tidemark.couchbase.password", server.password(),
                "tidemark.couchbase.bucket", server.bucket(),
                "tidemark.couchbase.key-prefix", "cli" + NAMESPACES.incrementAndGet());
    }

    @Override
    public Map<String, String> unreachable() {
        return Map.of("tidemark.store", "couchbase",
                "tidemark.couchbase.connection-string", "couchbase://127.0.0.1:9",
                "tidemark.couchbase.username", "ops",
                "tidemark.couchbase.password", "hunter2",
                "tidemark.couchbase.bucket", "audit",
                "tidemark.couchbase.timeout", "500ms");
    }

    @Override
    public void overwrite(Map<String, String> namespace, AuditRecord replacement) {
        new RawAuditDocuments(server.cluster().bucket(server.bucket()).defaultCollection(),
                namespace.get("tidemark.couchbase.key-prefix")).overwrite(replacement);
    }

    @Override
    public void close() {
        server.close();
    }
}
