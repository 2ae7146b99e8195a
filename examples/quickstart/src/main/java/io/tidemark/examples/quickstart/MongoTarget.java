package io.tidemark.examples.quickstart;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.MongoException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.tidemark.adapter.mongodb.MongoAuditStore;
import io.tidemark.adapter.mongodb.MongoAuditStoreProvider;
import io.tidemark.core.TidemarkBuilder;
import io.tidemark.core.TidemarkConfig;
import io.tidemark.core.error.ConfigurationException;
import io.tidemark.examples.quickstart.changes.mongodb.Orders;
import io.tidemark.spi.AuditStore;
import io.tidemark.spi.support.Secrets;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.bson.Document;

/**
 * MongoDB for the quickstart: mongo-java-server (a MongoDB wire-protocol server written in Java,
 * BSD licence) started in this JVM on a free loopback port, or the MongoDB that
 * {@code tidemark.mongodb.uri} names.
 *
 * <p>A started server keeps its data in an H2 MVStore file ({@code mongodb.mv} in the data
 * directory) through mongo-java-server's H2 backend, so the next run finds the orders and the audit
 * log of this one; without a data directory it keeps everything in memory. The file is closed, and
 * so written completely, when the target is closed, also by a shutdown hook when the JVM is stopped
 * with Ctrl-C. An MVStore file can be open in one process at a time: a second quickstart on the same
 * directory is told so.
 */
final class MongoTarget implements Target {

    /** The database the change units (and, unless configured otherwise, the audit store) use. */
    static final String DATABASE = "quickstart";
    /** The H2 MVStore file inside the data directory. */
    static final String DATA_FILE = "mongodb.mv";

    private static final String AUDIT_COLLECTION_KEY = MongoAuditStoreProvider.AUDIT_COLLECTION;
    private static final String LOCK_COLLECTION_KEY = MongoAuditStoreProvider.LOCK_COLLECTION;
    private static final DateTimeFormatter ISO_SECONDS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

    private final MongoClient client;
    private final String connectionString;
    private final String database;
    private final String description;
    private final Optional<Path> dataFile;
    private final Optional<MongoServer> server;
    private final Thread shutdownHook;
    private boolean closed;

    private MongoTarget(
            MongoClient client,
            String connectionString,
            String database,
            String description,
            Optional<Path> dataFile,
            Optional<MongoServer> server) {
        this.client = client;
        this.connectionString = connectionString;
        this.database = database;
        this.description = description;
        this.dataFile = dataFile;
        this.server = server;
        this.shutdownHook = new Thread(this::close, "quickstart-mongodb-stop");
        if (server.isPresent()) {
            Runtime.getRuntime().addShutdownHook(shutdownHook);
        }
    }

    /** Starts mongo-java-server on a free loopback port, keeping its data in {@code dataDir} when given. */
    static MongoTarget serve(Optional<Path> dataDir) {
        Optional<Path> dataFile = dataDir.map(dir -> dir.resolve(DATA_FILE).toAbsolutePath());
        MongoServer server = new MongoServer(dataFile.map(MongoTarget::openFile).orElseGet(MemoryBackend::new));
        try {
            server.bind("127.0.0.1", 0);
        } catch (RuntimeException e) {
            server.shutdownNow();
            throw new QuickstartException(
                    "mongo-java-server could not listen on a loopback port: " + e.getMessage(), e);
        }
        String connection = server.getConnectionString();
        String where = dataFile.map(file -> "data kept in " + file).orElse("in memory");
        return new MongoTarget(
                client(new ConnectionString(connection)),
                connection,
                DATABASE,
                "MongoDB served in-process by mongo-java-server at " + connection + ", database '" + DATABASE + "', "
                        + where,
                dataFile,
                Optional.of(server));
    }

    /** Connects to the MongoDB {@code uri} names; its database, else {@value #DATABASE}, holds the orders. */
    static MongoTarget connect(String uri) {
        ConnectionString connection;
        try {
            connection = new ConnectionString(uri);
        } catch (IllegalArgumentException | MongoException e) {
            throw new ConfigurationException("Invalid configuration " + QuickstartSettings.MONGODB_URI_KEY + " = '"
                    + Secrets.display(QuickstartSettings.MONGODB_URI_KEY, uri) + "': "
                    + sentence(Secrets.maskUriPasswords(String.valueOf(e.getMessage())))
                    + " Expected mongodb://[user:password@]host[:port][/database][?options] or mongodb+srv://...");
        }
        String database = Optional.ofNullable(connection.getDatabase()).orElse(DATABASE);
        return new MongoTarget(
                client(connection),
                uri,
                database,
                "MongoDB at " + String.join(",", connection.getHosts()) + ", database '" + database + "'",
                Optional.empty(),
                Optional.empty());
    }

    private static String sentence(String text) {
        String trimmed = text.strip();
        return trimmed.endsWith(".") ? trimmed : trimmed + ".";
    }

    private static MongoBackend openFile(Path file) {
        try {
            Files.createDirectories(file.getParent());
        } catch (IOException e) {
            throw new QuickstartException("Could not create the data directory " + file.getParent() + ": " + e, e);
        }
        try {
            return new H2Backend(file.toString());
        } catch (RuntimeException e) {
            throw new QuickstartException(
                    "Could not open the MongoDB data file " + file + " (" + e.getMessage()
                            + "). If another quickstart is running on it, stop that one first; to start over, delete the file "
                            + "(mvn clean does).",
                    e);
        }
    }

    private static MongoClient client(ConnectionString connection) {
        return MongoClients.create(MongoClientSettings.builder()
                .applyConnectionString(connection)
                .applyToClusterSettings(cluster -> cluster.serverSelectionTimeout(10, TimeUnit.SECONDS))
                .build());
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public String storeName() {
        return "mongodb";
    }

    @Override
    public String changesPackage() {
        return Orders.class.getPackageName();
    }

    @Override
    public TidemarkBuilder withDependencies(TidemarkBuilder builder) {
        return builder.dependency(MongoDatabase.class, client.getDatabase(database));
    }

    @Override
    public AuditStore auditStoreInCode(TidemarkConfig config) {
        MongoAuditStore.Builder builder = MongoAuditStore.builder(client, auditDatabase(config));
        config.get(AUDIT_COLLECTION_KEY).ifPresent(builder::auditCollection);
        config.get(LOCK_COLLECTION_KEY).ifPresent(builder::lockCollection);
        return builder.build();
    }

    @Override
    public Map<String, String> inCodeStoreConfiguration(TidemarkConfig config) {
        Map<String, String> keys = new LinkedHashMap<>();
        keys.put(QuickstartSettings.STORE_KEY, storeName());
        keys.put(MongoAuditStoreProvider.URI, connectionString);
        keys.put(MongoAuditStoreProvider.DATABASE, auditDatabase(config));
        config.get(AUDIT_COLLECTION_KEY).ifPresent(name -> keys.put(AUDIT_COLLECTION_KEY, name));
        config.get(LOCK_COLLECTION_KEY).ifPresent(name -> keys.put(LOCK_COLLECTION_KEY, name));
        return keys;
    }

    /** The audit log's database: {@code tidemark.mongodb.database} when set, else the orders' database. */
    private String auditDatabase(TidemarkConfig config) {
        return config.get(MongoAuditStoreProvider.DATABASE).orElse(database);
    }

    @Override
    public Map<String, String> addressConfiguration() {
        return Map.of(MongoAuditStoreProvider.URI, connectionString, MongoAuditStoreProvider.DATABASE, database);
    }

    @Override
    public Optional<Path> dataLocation() {
        return dataFile;
    }

    @Override
    public List<Order> ordersOf(String customerId) {
        List<Order> orders = new ArrayList<>();
        for (Document order : client.getDatabase(database)
                .getCollection(Orders.COLLECTION)
                .find(Filters.eq(Orders.CUSTOMER_ID, customerId))
                .sort(Sorts.ascending(Orders.PLACED_AT))) {
            orders.add(new Order(
                    order.getString(Orders.ORDER_ID),
                    ISO_SECONDS.format(order.get(Orders.PLACED_AT, Date.class).toInstant()),
                    order.get(Orders.TOTAL_CENTS, Number.class).longValue(),
                    Optional.ofNullable(order.getString(Orders.STATUS))));
        }
        return orders;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        client.close();
        server.ifPresent(MongoServer::shutdownNow);
        if (server.isPresent() && !Thread.currentThread().equals(shutdownHook)) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException shuttingDown) {
                // The JVM is stopping; the hook finds the target closed.
            }
        }
    }
}
