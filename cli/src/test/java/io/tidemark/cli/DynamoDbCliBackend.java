package io.tidemark.cli;

import io.tidemark.adapter.dynamodb.testing.AuditItemTampering;
import io.tidemark.adapter.dynamodb.testing.DynaliteServer;
import io.tidemark.spi.AuditRecord;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** dynalite over HTTP, one table prefix per namespace. */
final class DynamoDbCliBackend implements CliBackend {

    private static final AtomicInteger NAMESPACES = new AtomicInteger();

    private final DynaliteServer server = DynaliteServer.start();

    @Override
    public String name() {
        return "dynamodb";
    }

    @Override
    public Map<String, String> newNamespace() {
        Map<String, String> keys = new HashMap<>(server.configuration());
        keys.put("tidemark.dynamodb.table-prefix", "cli" + NAMESPACES.incrementAndGet() + "_");
        return keys;
    }

    @Override
    public Map<String, String> withoutTables() {
        Map<String, String> keys = new HashMap<>(server.configuration());
        keys.put("tidemark.dynamodb.table-prefix", "absent" + NAMESPACES.incrementAndGet() + "_");
        return keys;
    }

    @Override
    public String missingName(Map<String, String> config) {
        return config.get("tidemark.dynamodb.table-prefix") + "tidemark_audit";
    }

    @Override
    public List<String> storedFor(Map<String, String> config) {
        String prefix = config.get("tidemark.dynamodb.table-prefix");
        return server.client().listTables().tableNames().stream().filter(name -> name.startsWith(prefix)).toList();
    }

    @Override
    public Map<String, String> unreachable() {
        return Map.of("tidemark.store", "dynamodb", "tidemark.dynamodb.endpoint", "http://127.0.0.1:" + closedPort(),
                "tidemark.dynamodb.region", "eu-west-1");
    }

    @Override
    public void overwrite(Map<String, String> namespace, AuditRecord replacement) {
        new AuditItemTampering(server.client(), namespace.get("tidemark.dynamodb.table-prefix") + "tidemark_audit")
                .overwrite(replacement);
    }

    @Override
    public void close() {
        server.close();
    }

    private static int closedPort() {
        return DynaliteServer.freePort();
    }
}
