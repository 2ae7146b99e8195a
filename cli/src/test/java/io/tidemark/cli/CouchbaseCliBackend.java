package io.tidemark.cli;

import com.couchbase.client.core.error.DocumentNotFoundException;
import com.couchbase.client.java.Collection;
import io.tidemark.adapter.couchbase.testing.CouchbaseMockServer;
import io.tidemark.adapter.couchbase.testing.RawAuditDocuments;
import io.tidemark.spi.AuditRecord;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
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

    /**
     * A named scope and collection: the default collection of a bucket needs no set-up, so nothing
     * can be missing there. (CouchbaseMock has no named collections at all, which the adapter reports
     * as missing too.)
     */
    @Override
    public Map<String, String> withoutTables() {
        Map<String, String> keys = new HashMap<>(newNamespace());
        keys.put("tidemark.couchbase.scope", "absent" + NAMESPACES.incrementAndGet());
        keys.put("tidemark.couchbase.collection", "audit");
        return keys;
    }

    @Override
    public String missingName(Map<String, String> config) {
        return config.get("tidemark.couchbase.scope") + "." + config.get("tidemark.couchbase.collection");
    }

    /** The documents a store under the config's key prefix writes first: the lock, the tip hint, the first record. */
    @Override
    public List<String> storedFor(Map<String, String> config) {
        String prefix = config.get("tidemark.couchbase.key-prefix");
        Collection collection = server.cluster().bucket(server.bucket()).defaultCollection();
        List<String> stored = new ArrayList<>();
        for (String key : List.of(prefix + "::lock::default", prefix + "::lock::default.doctor-probe",
                prefix + "::default::tip", new RawAuditDocuments(collection, prefix).recordKey("default", 1))) {
            try {
                collection.get(key);
                stored.add(key);
            } catch (DocumentNotFoundException absent) {
                // not there: as it should be
            }
        }
        return stored;
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
