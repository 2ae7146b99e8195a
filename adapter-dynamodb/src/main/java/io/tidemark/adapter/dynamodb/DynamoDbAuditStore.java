package io.tidemark.adapter.dynamodb;

import io.tidemark.core.error.ConfigurationException;
import io.tidemark.spi.AppendResult;
import io.tidemark.spi.AuditRecord;
import io.tidemark.spi.AuditStore;
import io.tidemark.spi.Diagnosis;
import io.tidemark.spi.ExecutionHistory;
import io.tidemark.spi.LockService;
import io.tidemark.spi.MongockChangeLog;
import io.tidemark.spi.TransactionSupport;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * Tidemark's audit log, history and lock on Amazon DynamoDB (AWS SDK v2), built around a
 * {@link DynamoDbClient} that the application may also hand to its change units.
 *
 * <pre>{@code
 * DynamoDbAuditStore store = DynamoDbAuditStore.builder(dynamoDbClient)
 *         .tablePrefix("orders_")          // orders_tidemark_audit, orders_tidemark_lock
 *         .provisionedBilling(5, 5)        // default: on-demand
 *         .build();
 * }</pre>
 *
 * <h2>Tables</h2>
 * <ul>
 *   <li>audit table (default {@value #DEFAULT_AUDIT_TABLE}): partition key {@code chain} (S), sort
 *       key {@code seq} (N), one item per record;</li>
 *   <li>lock table (default {@value #DEFAULT_LOCK_TABLE}): partition key {@code lockKey} (S), one
 *       item per lock key.</li>
 * </ul>
 * The item shapes are listed in the adapter's README ({@code adapter-dynamodb/README.md}).
 *
 * <h2>Operations</h2>
 * <ol>
 *   <li><b>initialize</b> (once per store instance, then free): {@code DescribeTable} for each
 *       table; a missing one is created ({@code CreateTable}, then the SDK waiter until
 *       {@code ACTIVE}) when auto-create is on, and named with the command that creates it when
 *       off; a table with another key schema is a {@code ConfigurationException} saying what was
 *       expected and found;</li>
 *   <li><b>append</b>: initialize if this store has not yet (a table keyed on another record
 *       field, such as {@code executionId}, would accept the item, and the condition would then
 *       not keep two writers from taking one sequence: the key schema must be checked before the
 *       first write); then one {@code PutItem} with condition {@code attribute_not_exists(seq)};
 *       {@code ConditionalCheckFailedException} becomes {@link AppendResult.SequenceConflict};</li>
 *   <li><b>tip</b> and <b>readFrom</b>: {@code Query} on the chain's partition, strongly
 *       consistent (there is no option for eventually consistent reads: they would break the
 *       history's promise that an appended record is seen by the next read);</li>
 *   <li><b>lock</b>: one conditional {@code UpdateItem} per acquire, extend and release, one
 *       consistent {@code GetItem} per inspect;</li>
 *   <li><b>transactional change units</b>: {@code TransactWriteItems}; see
 *       {@link DynamoDbChangeTransaction}.</li>
 * </ol>
 *
 * <p>Reads and lock operations do not need {@link #initialize()}: a request that finds its table
 * missing creates it and is retried once (auto-create on), or raises a
 * {@code ConfigurationException} naming the table (off). No AWS exception leaves the store:
 * throttling, server errors and unreachable endpoints raise
 * {@link io.tidemark.core.error.StoreUnavailableException} naming the endpoint and table; a record
 * or lock item this version cannot decode raises
 * {@link io.tidemark.core.error.UnreadableRecordException}. Building a store checks that the AWS
 * SDK modules on the class path are of one version ({@code ConfigurationException} otherwise).
 *
 * <p>Thread-safe. {@link #close()} closes the client only when the store created it (the
 * {@link DynamoDbAuditStoreProvider} path); a client passed in stays open.
 */
public final class DynamoDbAuditStore implements AuditStore {

    /** Default name of the audit table. */
    public static final String DEFAULT_AUDIT_TABLE = "tidemark_audit";
    /** Default name of the lock table. */
    public static final String DEFAULT_LOCK_TABLE = "tidemark_lock";
    /** Default number of records per {@code Query} page. */
    public static final int DEFAULT_PAGE_SIZE = 100;
    /** Default longest wait for a created table to become active. */
    public static final Duration DEFAULT_TABLE_ACTIVE_TIMEOUT = Duration.ofMinutes(5);

    static final String SEQ_IS_FREE = "attribute_not_exists(#seq)";
    static final Map<String, String> SEQ_NAME = Map.of("#seq", DynamoDbRecordCodec.SEQ);

    private final DynamoDbSettings settings;
    private final boolean ownsClient;
    private final DynamoDbRequests requests;
    private final DynamoDbSchema schema;
    private final DynamoDbExecutionHistory history;
    private final DynamoDbLockService locks;
    private final DynamoDbTransactionSupport transactions;
    private volatile boolean initialized;

    private DynamoDbAuditStore(DynamoDbClient client, DynamoDbSettings settings, boolean ownsClient, Clock clock) {
        this.settings = settings;
        this.ownsClient = ownsClient;
        this.requests = new DynamoDbRequests(client, settings);
        this.schema = requests.schema();
        this.history = new DynamoDbExecutionHistory(requests, settings.pageSize());
        this.locks = new DynamoDbLockService(requests, clock);
        this.transactions = new DynamoDbTransactionSupport(requests, this);
    }

    /**
     * Starts configuring a store around {@code client}, which stays the caller's to close.
     *
     * @param client the client every request of the store is sent with
     * @return a builder with every option at its default
     */
    public static Builder builder(DynamoDbClient client) {
        return new Builder(client);
    }

    @Override
    public void initialize() {
        if (initialized) {
            return;
        }
        synchronized (this) {
            if (!initialized) {
                schema.ensureAll();
                initialized = true;
            }
        }
    }

    @Override
    public AppendResult append(AuditRecord record) {
        initialize();
        DynamoDbSchema.Table audit = schema.audit();
        return requests.run(audit, "PutItem (seq " + record.seq() + " of chain '" + record.chain() + "')", client -> {
            try {
                client.putItem(p -> p.tableName(audit.name())
                        .item(DynamoDbRecordCodec.toItem(record))
                        .conditionExpression(SEQ_IS_FREE)
                        .expressionAttributeNames(SEQ_NAME));
                return new AppendResult.Appended(record.seq());
            } catch (ConditionalCheckFailedException taken) {
                return new AppendResult.SequenceConflict(record.chain(), record.seq());
            }
        });
    }

    @Override
    public ExecutionHistory history() {
        return history;
    }

    @Override
    public LockService lockService() {
        return locks;
    }

    /** Always present: see {@link DynamoDbChangeTransaction}. */
    @Override
    public Optional<TransactionSupport<?>> transactions() {
        return Optional.of(transactions);
    }

    /** Each table, described once, creating nothing. */
    @Override
    public List<Diagnosis> diagnose() {
        return schema.diagnose();
    }

    /**
     * {@inheritDoc}
     *
     * @return {@code dynamodb}, the name of {@link DynamoDbAuditStoreProvider}
     */
    /**
     * Mongock's change log in the DynamoDB table {@code name} (Mongock's {@code dynamodb-driver} shape),
     * read with a consistent {@code Scan}; nothing is created, and a missing table is reported when the
     * entries are read.
     */
    @Override
    public Optional<MongockChangeLog> mongockChangeLog(String name) {
        return Optional.of(new DynamoDbMongockChangeLog(requests, Objects.requireNonNull(name, "name")));
    }

    @Override
    public String kind() {
        return "dynamodb";
    }

    @Override
    public String describe() {
        return "DynamoDB audit store (tables '" + settings.auditTable() + "' and '" + settings.lockTable() + "' at "
                + requests.endpoint() + ", auto-create "
                + (settings.autoCreate() ? "on, " + settings.billing() + " billing" : "off") + ")";
    }

    /**
     * The audit table's name.
     *
     * @return the name, prefix included
     */
    public String auditTableName() {
        return settings.auditTable();
    }

    /**
     * The lock table's name.
     *
     * @return the name, prefix included
     */
    public String lockTableName() {
        return settings.lockTable();
    }

    /** Closes the client only if this store created it. */
    @Override
    public void close() {
        if (ownsClient) {
            requests.closeClient();
        }
    }

    @Override
    public String toString() {
        return describe();
    }

    /** Options of a {@link DynamoDbAuditStore}; every one has a default. */
    public static final class Builder {
        private final DynamoDbClient client;
        private boolean ownsClient;
        private boolean fromConfiguration;
        private Optional<String> endpoint = Optional.empty();
        private String auditTable = DEFAULT_AUDIT_TABLE;
        private String lockTable = DEFAULT_LOCK_TABLE;
        private String tablePrefix = "";
        private DynamoDbSettings.Billing billing = new DynamoDbSettings.OnDemand();
        private boolean autoCreate = true;
        private int pageSize = DEFAULT_PAGE_SIZE;
        private Clock clock = Clock.systemUTC();
        private Duration tableActiveTimeout = DEFAULT_TABLE_ACTIVE_TIMEOUT;

        private Builder(DynamoDbClient client) {
            this.client = Objects.requireNonNull(client, "client");
        }

        /**
         * Name of the audit table before the prefix (default {@value DynamoDbAuditStore#DEFAULT_AUDIT_TABLE}).
         *
         * @param name the table name
         * @return this builder
         */
        public Builder auditTable(String name) {
            this.auditTable = Objects.requireNonNull(name, "auditTable");
            return this;
        }

        /**
         * Name of the lock table before the prefix (default {@value DynamoDbAuditStore#DEFAULT_LOCK_TABLE}).
         *
         * @param name the table name
         * @return this builder
         */
        public Builder lockTable(String name) {
            this.lockTable = Objects.requireNonNull(name, "lockTable");
            return this;
        }

        /**
         * Put in front of both table names, e.g. {@code "billing_"} for {@code billing_tidemark_audit}
         * and {@code billing_tidemark_lock} (default none).
         *
         * @param prefix put in front of both names; may be empty
         * @return this builder
         */
        public Builder tablePrefix(String prefix) {
            this.tablePrefix = Objects.requireNonNull(prefix, "tablePrefix");
            return this;
        }

        /**
         * Tables the store creates are billed per request (DynamoDB's {@code PAY_PER_REQUEST}): the
         * default, and right for a log written a few times per deployment. Existing tables keep
         * whatever billing they have.
         *
         * @return this builder
         */
        public Builder onDemandBilling() {
            this.billing = new DynamoDbSettings.OnDemand();
            return this;
        }

        /**
         * Tables the store creates get provisioned capacity: {@code readCapacityUnits} and
         * {@code writeCapacityUnits}, each at least 1 (checked by {@link #build()}). Existing tables
         * keep whatever billing they have.
         *
         * @param readCapacityUnits  read capacity units of each table created
         * @param writeCapacityUnits write capacity units of each table created
         * @return this builder
         */
        public Builder provisionedBilling(long readCapacityUnits, long writeCapacityUnits) {
            this.billing = new DynamoDbSettings.Provisioned(readCapacityUnits, writeCapacityUnits);
            return this;
        }

        /**
         * Whether missing tables are created (default true). When false, {@code initialize()} only
         * verifies them and names every missing table in one {@code ConfigurationException}, with
         * the command that creates it.
         *
         * @param value whether to create missing tables
         * @return this builder
         */
        public Builder autoCreate(boolean value) {
            this.autoCreate = value;
            return this;
        }

        /**
         * Records per {@code Query} page when reading history (default {@value DynamoDbAuditStore#DEFAULT_PAGE_SIZE}).
         *
         * @param value 1 to 1000 (checked by {@link #build()})
         * @return this builder
         */
        public Builder pageSize(int value) {
            this.pageSize = value;
            return this;
        }

        /**
         * The clock lock expiry is computed with (default system UTC); all instances' clocks must agree.
         *
         * @param value the clock
         * @return this builder
         */
        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        /**
         * Longest wait for a created table to become active (default 5 minutes).
         *
         * @param value a positive duration (checked by {@link #build()})
         * @return this builder
         */
        public Builder tableActiveTimeout(Duration value) {
            this.tableActiveTimeout = Objects.requireNonNull(value, "tableActiveTimeout");
            return this;
        }

        /** The store closes the client in {@code close()}: for clients it built itself. */
        Builder ownsClient(boolean value) {
            this.ownsClient = value;
            return this;
        }

        /** The provider builds this store from configuration: messages name its keys, not builder calls. */
        Builder fromConfiguration() {
            this.fromConfiguration = true;
            return this;
        }

        /**
         * How messages and {@code describe()} name where the client points, for clients that do not
         * report their endpoint (custom or in-process clients); by default it is read from the
         * client's configuration.
         *
         * @param value e.g. "endpoint http://localhost:8000 (region us-east-1)"; must not contain a secret
         * @return this builder
         */
        public Builder endpointDescription(String value) {
            this.endpoint = Optional.of(Objects.requireNonNull(value, "endpointDescription"));
            return this;
        }

        /**
         * The store, after checking the options and that the AWS SDK modules on the class path are of
         * one version. Sends no request.
         *
         * @return the store
         * @throws ConfigurationException naming every invalid option, or the mixed AWS SDK versions
         */
        public DynamoDbAuditStore build() {
            DynamoDbSettings settings = DynamoDbSettings.checked(
                    tablePrefix,
                    auditTable,
                    lockTable,
                    billing,
                    autoCreate,
                    pageSize,
                    tableActiveTimeout,
                    endpoint,
                    fromConfiguration);
            return new DynamoDbAuditStore(client, settings, ownsClient, clock);
        }
    }
}
