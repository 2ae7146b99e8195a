package io.tidemark.adapter.mongodb.testing;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A mongo-java-server (memory backend) on a free loopback port, with a client connected to it.
 * Starts in milliseconds; everything is lost on {@link #close()}. It speaks the wire protocol but
 * is not mongod: no sessions or transactions, no TTL expiry, no {@code hello} command.
 *
 * <pre>{@code
 * try (EmbeddedMongoServer mongo = EmbeddedMongoServer.start()) {
 *     AuditStore store = MongoAuditStore.builder(mongo.client(), "app").build();
 * }
 * }</pre>
 *
 * Free of JUnit, so integration tests and child JVMs can use it too.
 */
public final class EmbeddedMongoServer implements AutoCloseable {

    private final MongoServer server;
    private final String connectionString;
    private final MongoClient client;

    private EmbeddedMongoServer(MongoServer server, String connectionString) {
        this.server = server;
        this.connectionString = connectionString;
        this.client = newClient();
    }

    /** Starts a server on a free port of 127.0.0.1. */
    public static EmbeddedMongoServer start() {
        MongoServer server = new MongoServer(new MemoryBackend());
        return new EmbeddedMongoServer(server, server.bindAndGetConnectionString());
    }

    /** {@code mongodb://127.0.0.1:<port>}. */
    public String connectionString() {
        return connectionString;
    }

    /** A client shared by the callers; closed with the server. */
    public MongoClient client() {
        return client;
    }

    /** A new client of the caller's own, with short timeouts so a stopped server fails fast; the caller closes it. */
    public MongoClient newClient() {
        return newClient(settings -> {});
    }

    /**
     * As {@link #newClient()}, with {@code customizer} applied last: for example to add a command
     * listener that counts requests.
     */
    public MongoClient newClient(Consumer<MongoClientSettings.Builder> customizer) {
        MongoClientSettings.Builder settings = MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString(connectionString))
                .applyToClusterSettings(cluster -> cluster.serverSelectionTimeout(5, TimeUnit.SECONDS));
        customizer.accept(settings);
        return MongoClients.create(settings.build());
    }

    /** Closes the shared client and stops the server. */
    @Override
    public void close() {
        client.close();
        server.shutdownNow();
    }
}
