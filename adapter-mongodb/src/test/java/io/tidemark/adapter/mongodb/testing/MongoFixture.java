package io.tidemark.adapter.mongodb.testing;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.ClientSession;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.ReplaceOptions;
import io.tidemark.adapter.mongodb.MongoAuditStore;
import io.tidemark.adapter.mongodb.MongoAuditStoreProvider;
import io.tidemark.spi.AuditRecord;
import io.tidemark.spi.AuditStore;
import io.tidemark.tck.BackendFixture;
import io.tidemark.tck.CountingStore;
import io.tidemark.tck.RawRecords;
import io.tidemark.tck.RequestCounts;
import io.tidemark.tck.TransactionalWrites;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Clock;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.bson.Document;

/**
 * MongoDB as a {@link BackendFixture}: mongo-java-server started here ({@link #startEmbedded()}; no
 * transactions), or any deployment a connection string reaches, such as {@code mongod} in a
 * container ({@link #over(String, String, AutoCloseable)}).
 *
 * <p>A namespace is a database: namespace {@code tck} uses the database {@code tidemark_tck}, with
 * the default collection names. Requests are counted by a command listener on a client of the
 * counting store's own. Free of JUnit, like {@link EmbeddedMongoServer}.
 */
public final class MongoFixture implements BackendFixture {

    private static final Pattern NAMESPACE = Pattern.compile("[A-Za-z0-9-]{1,40}");
    private static final String MARKERS = "tidemarkTckMarkers";

    private final String connectionString;
    private final MongoClient client;
    private final String description;
    private final AutoCloseable server;
    private final Optional<Integer> pageSize;

    private MongoFixture(
            String connectionString,
            MongoClient client,
            String description,
            AutoCloseable server,
            Optional<Integer> pageSize) {
        this.connectionString = connectionString;
        this.client = client;
        this.description = description;
        this.server = server;
        this.pageSize = pageSize;
    }

    /** Starts mongo-java-server (memory backend) on a free loopback port, until {@link #close()}. */
    public static MongoFixture startEmbedded() {
        EmbeddedMongoServer server = EmbeddedMongoServer.start();
        return over(server.connectionString(), "mongo-java-server at " + server.connectionString(), server);
    }

    /**
     * The deployment {@code connectionString} reaches (already running; without a database path);
     * {@code server} is closed with the fixture (pass {@code () -> { }} for one someone else stops).
     */
    public static MongoFixture over(String connectionString, String description, AutoCloseable server) {
        return new MongoFixture(
                connectionString, newClient(connectionString, settings -> {}), description, server, Optional.empty());
    }

    /**
     * This fixture with stores that read history in pages of {@code size} records, so that paging
     * tests span several pages. It takes over the server and the client: close the fixture it
     * returns, not this one.
     */
    public MongoFixture withPageSize(int size) {
        return new MongoFixture(connectionString, client, description, server, Optional.of(size));
    }

    private static MongoClient newClient(String connectionString, Consumer<MongoClientSettings.Builder> customizer) {
        MongoClientSettings.Builder settings = MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString(connectionString))
                .applyToClusterSettings(cluster -> cluster.serverSelectionTimeout(5, TimeUnit.SECONDS));
        customizer.accept(settings);
        return MongoClients.create(settings.build());
    }

    /** The database of {@code namespace}. */
    public static String database(String namespace) {
        if (!NAMESPACE.matcher(namespace).matches()) {
            throw new IllegalArgumentException(
                    "A namespace is 1 to 40 letters, digits and '-', not '" + namespace + "'");
        }
        return "tidemark_" + namespace.replace('-', '_');
    }

    /** The fixture's own client (closed by {@link #close()}), for raw reads and writes. */
    public MongoClient client() {
        return client;
    }

    /** The connection string of the deployment, without a database. */
    public String connectionString() {
        return connectionString;
    }

    @Override
    public String storeName() {
        return "mongodb";
    }

    @Override
    public String describe() {
        return description;
    }

    @Override
    public Map<String, String> configuration(String namespace) {
        Map<String, String> keys = new LinkedHashMap<>();
        keys.put("tidemark.store", storeName());
        keys.put(MongoAuditStoreProvider.URI, connectionString);
        keys.put(MongoAuditStoreProvider.DATABASE, database(namespace));
        return keys;
    }

    @Override
    public AuditStore openStore(String namespace, Clock clock) {
        return store(client, namespace, clock);
    }

    private MongoAuditStore store(MongoClient on, String namespace, Clock clock) {
        MongoAuditStore.Builder builder =
                MongoAuditStore.builder(on, database(namespace)).clock(clock);
        pageSize.ifPresent(builder::pageSize);
        return builder.build();
    }

    @Override
    public CountingStore openCountingStore(String namespace, Clock clock) {
        MongoRequestCounter counter = new MongoRequestCounter(
                MongoAuditStore.DEFAULT_AUDIT_COLLECTION, MongoAuditStore.DEFAULT_LOCK_COLLECTION);
        MongoClient counted = newClient(connectionString, settings -> settings.addCommandListener(counter));
        MongoAuditStore store = store(counted, namespace, clock);
        return new CountingStore() {
            @Override
            public AuditStore store() {
                return store;
            }

            @Override
            public RequestCounts counts() {
                return counter.counts();
            }

            @Override
            public void close() {
                store.close();
                counted.close();
            }
        };
    }

    /** Raw writes to the audit and lock collections of {@code namespace}'s database. */
    @Override
    public MongoRawRecords rawRecords(String namespace) {
        return new MongoRawRecords(client.getDatabase(database(namespace)));
    }

    /** {@link RawRecords} on one database, plus raw writes to its lock collection. */
    public static final class MongoRawRecords implements RawRecords {
        private final AuditTampering tampering;
        private final MongoCollection<Document> locks;

        MongoRawRecords(MongoDatabase database) {
            this.tampering = new AuditTampering(database.getCollection(MongoAuditStore.DEFAULT_AUDIT_COLLECTION));
            this.locks = database.getCollection(MongoAuditStore.DEFAULT_LOCK_COLLECTION);
        }

        @Override
        public void overwrite(AuditRecord replacement) {
            tampering.overwrite(replacement);
        }

        @Override
        public void delete(String chain, long seq) {
            tampering.delete(chain, seq);
        }

        @Override
        public void overwriteWithState(AuditRecord record, String state) {
            tampering.overwriteWithState(record, state);
        }

        /**
         * Stores a lock document for {@code lockKey} that this version cannot read: its token is the
         * text {@code "seven"} instead of a number (the rest as a holder whose lease expired long
         * ago would leave it). Every operation of the lock service meets it: {@code inspect} reads
         * it, {@code tryAcquire} matches it as expired and the server refuses to increment the
         * token, and {@code extend} and {@code release} match nothing and read it.
         */
        @Override
        public void writeUnreadableLock(String lockKey) {
            locks.replaceOne(
                    new Document("_id", lockKey),
                    new Document("_id", lockKey)
                            .append("owner", "tidemark-tck")
                            .append("expiresAt", new Date(0))
                            .append("token", "seven"),
                    new ReplaceOptions().upsert(true));
        }
    }

    /** A closed loopback port, with the wait for a server set to half a second ({@code tidemark.mongodb.connect-timeout}). */
    @Override
    public Map<String, String> unreachableConfiguration() {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.of(
                "tidemark.store",
                storeName(),
                MongoAuditStoreProvider.URI,
                "mongodb://127.0.0.1:" + port,
                MongoAuditStoreProvider.DATABASE,
                database("unreachable"),
                MongoAuditStoreProvider.CONNECT_TIMEOUT,
                "500ms");
    }

    /** Markers are documents of the collection {@code tidemarkTckMarkers}, inserted with the session. */
    @Override
    public Optional<TransactionalWrites> transactionalWrites(String namespace) {
        MongoCollection<Document> markers =
                client.getDatabase(database(namespace)).getCollection(MARKERS);
        return Optional.of(new TransactionalWrites() {
            @Override
            public void write(Object handle, String key) {
                markers.insertOne((ClientSession) handle, new Document("_id", key));
            }

            @Override
            public boolean isStored(String key) {
                return markers.find(new Document("_id", key)).first() != null;
            }
        });
    }

    @Override
    public void close() {
        client.close();
        try {
            server.close();
        } catch (Exception e) {
            throw new IllegalStateException("Could not stop " + description, e);
        }
    }

    @Override
    public String toString() {
        return describe();
    }
}
