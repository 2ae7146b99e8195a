package io.tidemark.adapter.dynamodb.testing;

import io.tidemark.adapter.dynamodb.DynamoDbAuditStore;
import io.tidemark.adapter.dynamodb.DynamoDbAuditStoreProvider;
import io.tidemark.adapter.dynamodb.DynamoDbChangeTransaction;
import io.tidemark.spi.AuditRecord;
import io.tidemark.spi.AuditStore;
import io.tidemark.tck.BackendFixture;
import io.tidemark.tck.CountingStore;
import io.tidemark.tck.RawRecords;
import io.tidemark.tck.RequestCounts;
import io.tidemark.tck.TransactionalWrites;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * DynamoDB as a {@link BackendFixture}: dynalite started here ({@link #startDynalite()}), or any
 * endpoint a {@link DynamoDbClientFactory} reaches, such as moto in a container
 * ({@link #over(DynamoDbClientFactory, String, boolean, AutoCloseable)}).
 *
 * <p>A namespace is a table prefix: namespace {@code tck} uses the tables {@code tck_tidemark_audit}
 * and {@code tck_tidemark_lock}. Requests are counted by an SDK execution interceptor on a client of
 * the counting store's own. Free of JUnit, like {@link DynaliteServer}.
 */
public final class DynamoDbFixture implements BackendFixture {

    private static final Pattern NAMESPACE = Pattern.compile("[A-Za-z0-9-]{1,40}");
    private static final String MARKER_TABLE = "tidemark_tck_markers";
    private static final String MARKER_KEY = "marker";

    private final DynamoDbClientFactory clients;
    private final DynamoDbClient client;
    private final String description;
    private final boolean commitsTransactions;
    private final AutoCloseable server;
    private final Optional<Integer> pageSize;

    private DynamoDbFixture(
            DynamoDbClientFactory clients,
            DynamoDbClient client,
            String description,
            boolean commitsTransactions,
            AutoCloseable server,
            Optional<Integer> pageSize) {
        this.clients = clients;
        this.client = client;
        this.description = description;
        this.commitsTransactions = commitsTransactions;
        this.server = server;
        this.pageSize = pageSize;
    }

    /** Starts dynalite (it lacks {@code TransactWriteItems}) and serves it until {@link #close()}. */
    public static DynamoDbFixture startDynalite() {
        DynaliteServer dynalite = DynaliteServer.start();
        return new DynamoDbFixture(
                dynalite.clients(),
                dynalite.clients().create(),
                dynalite.toString(),
                false,
                dynalite,
                Optional.empty());
    }

    /**
     * The DynamoDB {@code clients} reach (already running); {@code server} is closed with the fixture
     * (pass {@code () -> { }} for a server someone else stops, such as a Testcontainers container).
     */
    public static DynamoDbFixture over(
            DynamoDbClientFactory clients, String description, boolean commitsTransactions, AutoCloseable server) {
        return new DynamoDbFixture(
                clients, clients.create(), description, commitsTransactions, server, Optional.empty());
    }

    /**
     * This fixture with stores that read history in pages of {@code size} records (in code and in
     * {@link #configuration}), so that paging tests span several pages. It takes over the server and
     * the client: close the fixture it returns, not this one.
     */
    public DynamoDbFixture withPageSize(int size) {
        return new DynamoDbFixture(clients, client, description, commitsTransactions, server, Optional.of(size));
    }

    /** The table prefix of {@code namespace}. */
    public static String tablePrefix(String namespace) {
        if (!NAMESPACE.matcher(namespace).matches()) {
            throw new IllegalArgumentException(
                    "A namespace is 1 to 40 letters, digits and '-', not '" + namespace + "'");
        }
        return namespace.replace('-', '_') + "_";
    }

    /** The audit table of {@code namespace}. */
    public static String auditTable(String namespace) {
        return tablePrefix(namespace) + DynamoDbAuditStore.DEFAULT_AUDIT_TABLE;
    }

    /** The lock table of {@code namespace}. */
    public static String lockTable(String namespace) {
        return tablePrefix(namespace) + DynamoDbAuditStore.DEFAULT_LOCK_TABLE;
    }

    /** The fixture's own client (closed by {@link #close()}), for raw reads and writes. */
    public DynamoDbClient client() {
        return client;
    }

    /** Further clients of the server, for tests that configure their own; the caller closes them. */
    public DynamoDbClientFactory clients() {
        return clients;
    }

    @Override
    public String storeName() {
        return "dynamodb";
    }

    @Override
    public String describe() {
        return description;
    }

    @Override
    public Map<String, String> configuration(String namespace) {
        Map<String, String> keys = new LinkedHashMap<>();
        keys.put("tidemark.store", storeName());
        keys.put(DynamoDbAuditStoreProvider.ENDPOINT, clients.endpoint().toString());
        keys.put(DynamoDbAuditStoreProvider.REGION, clients.region());
        keys.put(DynamoDbAuditStoreProvider.TABLE_PREFIX, tablePrefix(namespace));
        pageSize.ifPresent(size -> keys.put(DynamoDbAuditStoreProvider.PAGE_SIZE, Integer.toString(size)));
        return keys;
    }

    @Override
    public AuditStore openStore(String namespace, Clock clock) {
        return store(client, namespace, clock);
    }

    private DynamoDbAuditStore store(DynamoDbClient on, String namespace, Clock clock) {
        DynamoDbAuditStore.Builder builder = DynamoDbAuditStore.builder(on)
                .tablePrefix(tablePrefix(namespace))
                .clock(clock);
        pageSize.ifPresent(builder::pageSize);
        return builder.build();
    }

    @Override
    public CountingStore openCountingStore(String namespace, Clock clock) {
        DynamoDbRequestCounter counter = new DynamoDbRequestCounter(auditTable(namespace), lockTable(namespace));
        DynamoDbClient counted = clients.create(o -> o.addExecutionInterceptor(counter));
        DynamoDbAuditStore store = store(counted, namespace, clock);
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

    @Override
    public DynamoDbRawRecords rawRecords(String namespace) {
        return new DynamoDbRawRecords(namespace);
    }

    /**
     * Raw writes to the tables of one namespace, bypassing the store: items as {@link AuditItems}
     * documents them.
     */
    public final class DynamoDbRawRecords implements RawRecords {

        /** What {@link #writeUnreadableLock} stores as the lock's expiry: text where a number belongs. */
        public static final String UNREADABLE_EXPIRY = "tomorrow at noon";

        private final String namespace;
        private final AuditItemTampering tampering;

        private DynamoDbRawRecords(String namespace) {
            this.namespace = namespace;
            this.tampering = new AuditItemTampering(client, auditTable(namespace));
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
            tampering.overwriteWith(record, AuditItems.STATE, AttributeValue.fromS(state));
        }

        /**
         * Stores a lock item for {@code lockKey} that this version cannot decode: held by an owner
         * until {@value #UNREADABLE_EXPIRY} (text where the expiry's epoch milliseconds belong), with
         * token 7. Creates the namespace's tables first if they are missing.
         */
        @Override
        public void writeUnreadableLock(String lockKey) {
            try (DynamoDbAuditStore store = store(client, namespace, Clock.systemUTC())) {
                store.initialize();
            }
            Map<String, AttributeValue> item = new LinkedHashMap<>(AuditItems.lockKey(lockKey));
            item.put(AuditItems.OWNER, AttributeValue.fromS("an instance of a newer version"));
            item.put(AuditItems.EXPIRES_AT, AttributeValue.fromS(UNREADABLE_EXPIRY));
            item.put(AuditItems.TOKEN, AttributeValue.fromN("7"));
            client.putItem(p -> p.tableName(lockTable(namespace)).item(item));
        }
    }

    @Override
    public Map<String, String> unreachableConfiguration() {
        return Map.of(
                "tidemark.store",
                storeName(),
                DynamoDbAuditStoreProvider.ENDPOINT,
                "http://127.0.0.1:" + DynaliteServer.freePort(),
                DynamoDbAuditStoreProvider.REGION,
                clients.region());
    }

    @Override
    public boolean commitsTransactions() {
        return commitsTransactions;
    }

    /** Markers are items of the table {@code <prefix>tidemark_tck_markers}, created on first use. */
    @Override
    public Optional<TransactionalWrites> transactionalWrites(String namespace) {
        String table = tablePrefix(namespace) + MARKER_TABLE;
        createMarkerTable(table);
        return Optional.of(new TransactionalWrites() {
            @Override
            public void write(Object handle, String key) {
                ((DynamoDbChangeTransaction) handle).put(table, Map.of(MARKER_KEY, AttributeValue.fromS(key)));
            }

            @Override
            public boolean isStored(String key) {
                return client.getItem(g -> g.tableName(table)
                                .consistentRead(true)
                                .key(Map.of(MARKER_KEY, AttributeValue.fromS(key))))
                        .hasItem();
            }
        });
    }

    private void createMarkerTable(String table) {
        try {
            client.createTable(c -> c.tableName(table)
                    .billingMode(BillingMode.PAY_PER_REQUEST)
                    .attributeDefinitions(AttributeDefinition.builder()
                            .attributeName(MARKER_KEY)
                            .attributeType(ScalarAttributeType.S)
                            .build())
                    .keySchema(KeySchemaElement.builder()
                            .attributeName(MARKER_KEY)
                            .keyType(KeyType.HASH)
                            .build()));
            client.waiter().waitUntilTableExists(w -> w.tableName(table));
        } catch (ResourceInUseException exists) {
            // created before
        }
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
