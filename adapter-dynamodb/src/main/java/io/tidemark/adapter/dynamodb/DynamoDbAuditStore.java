package io.tidemark.adapter.dynamodb;

import io.tidemark.core.error.ConfigurationException;
import io.tidemark.spi.AppendResult;
import io.tidemark.spi.AuditRecord;
import io.tidemark.spi.AuditStore;
import io.tidemark.spi.Diagnosis;
import io.tidemark.spi.ExecutionHistory;
import io.tidemark.spi.LockService;
import io.tidemark.spi.TransactionSupport;
import io.tidemark.spi.support.Secrets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbServiceClientConfiguration;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * Tidemark's audit log, history and lock on Amazon DynamoDB (AWS SDK v2), built around a
 * {@link DynamoDbClient} that the application may also hand to its change units.
 *
 * <pre>{@code
 * DynamoDbAuditStore store = DynamoDbAuditStore.builder(dynamoDbClient)
 *         .tablePrefix("orders_")                       // orders_tidemark_audit, orders_tidemark_lock
 *         .billing(TableBilling.provisioned(5, 5))      // default: on-demand
 *         .build();
 * }</pre>
 *
 * <h2>Tables</h2>
 * <ul>
 *   <li>audit table (default {@value #DEFAULT_AUDIT_TABLE}): partition key {@code chain} (S), sort
 *       key {@code seq} (N), one item per record; item shape in {@link AuditItemFormat};</li>
 *   <li>lock table (default {@value #DEFAULT_LOCK_TABLE}): partition key {@code lockKey} (S), one
 *       item per lock key; item shape and algorithms in {@link DynamoDbLockService}.</li>
 * </ul>
 *
 * <h2>Operations</h2>
 * <ol>
 *   <li><b>initialize</b> (once per store instance, then free): {@code DescribeTable} for each
 *       table; a missing one is created ({@code CreateTable}, then the SDK waiter until
 *       {@code ACTIVE}) when auto-create is on, and named with the command that creates it when
 *       off; a table with another key schema is a {@code ConfigurationException} saying what was
 *       expected and found;</li>
 *   <li><b>append</b>: one {@code PutItem} with condition {@code attribute_not_exists(seq)};
 *       {@code ConditionalCheckFailedException} becomes {@link AppendResult.SequenceConflict};</li>
 *   <li><b>tip</b> and <b>readFrom</b>: {@code Query} on the chain's partition, consistent; see
 *       {@link DynamoDbExecutionHistory};</li>
 *   <li><b>transactional change units</b>: {@code TransactWriteItems}; see
 *       {@link DynamoDbChangeTransaction} and {@link DynamoDbTransactionSupport}.</li>
 * </ol>
 *
 * <p>Reads and lock operations do not need {@link #initialize()}: a request that finds its table
 * missing creates it and is retried once (auto-create on), or raises a
 * {@code ConfigurationException} naming the table (off). No AWS exception leaves the store:
 * throttling, server errors and unreachable endpoints raise
 * {@link io.tidemark.core.error.StoreUnavailableException} naming the endpoint and table.
 *
 * <p>Thread-safe. {@link #close()} closes the client only when the store created it (the
 * {@link DynamoDbStoreProvider} path); a client passed in stays open.
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
    static final Map<String, String> SEQ_NAME = Map.of("#seq", AuditItemFormat.SEQ);

    private static final Pattern TABLE_NAME = Pattern.compile("[A-Za-z0-9_.-]{3,255}");

    private final DynamoDbClient client;
    private final boolean ownsClient;
    private final TableLayout auditTable;
    private final TableLayout lockTable;
    private final TableBilling billing;
    private final boolean autoCreate;
    private final String endpoint;
    private final TableProvisioner provisioner;
    private final TableRequests requests;
    private final DynamoDbExecutionHistory history;
    private final DynamoDbLockService locks;
    private final DynamoDbTransactionSupport transactions;
    private volatile boolean initialized;

    /** A store with every default, around {@code client} (which stays the caller's to close). */
    public DynamoDbAuditStore(DynamoDbClient client) {
        this(builder(client));
    }

    private DynamoDbAuditStore(Builder builder) {
        this.client = builder.client;
        this.ownsClient = builder.ownsClient;
        this.auditTable = TableLayout.audit(builder.tablePrefix + builder.auditTable);
        this.lockTable = TableLayout.lock(builder.tablePrefix + builder.lockTable);
        this.billing = builder.billing;
        this.autoCreate = builder.autoCreate;
        this.endpoint = builder.endpoint != null ? builder.endpoint : endpointOf(client);
        DynamoDbFailures failures = new DynamoDbFailures(endpoint);
        this.provisioner = new TableProvisioner(client, List.of(auditTable, lockTable), billing, autoCreate,
                builder.tableActiveTimeout, failures);
        this.requests = new TableRequests(provisioner, failures);
        this.history = new DynamoDbExecutionHistory(client, auditTable, requests, builder.consistentReads,
                builder.pageSize);
        this.locks = new DynamoDbLockService(client, lockTable, requests, builder.clock);
        this.transactions = new DynamoDbTransactionSupport(client, this, auditTable, requests, failures);
    }

    /** Starts configuring a store around {@code client}, which stays the caller's to close. */
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
                provisioner.ensureAll();
                initialized = true;
            }
        }
    }

    @Override
    public AppendResult append(AuditRecord record) {
        return requests.run(auditTable, "PutItem (seq " + record.seq() + " of chain '" + record.chain() + "')", () -> {
            try {
                client.putItem(p -> p
                        .tableName(auditTable.name())
                        .item(AuditItemFormat.toItem(record))
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
        return provisioner.diagnose();
    }

    @Override
    public String describe() {
        return "DynamoDB audit store (tables '" + auditTable.name() + "' and '" + lockTable.name() + "' at " + endpoint
                + ", auto-create " + (autoCreate ? "on, " + billing + " billing" : "off") + ")";
    }

    /** The audit table's name, prefix included. */
    public String auditTableName() {
        return auditTable.name();
    }

    /** The lock table's name, prefix included. */
    public String lockTableName() {
        return lockTable.name();
    }

    /** Closes the client only if this store created it. */
    @Override
    public void close() {
        if (ownsClient) {
            client.close();
        }
    }

    @Override
    public String toString() {
        return describe();
    }

    /** "endpoint http://localhost:8000 (region us-east-1)" or "region eu-west-1", without secrets. */
    static String endpointOf(DynamoDbClient client) {
        try {
            DynamoDbServiceClientConfiguration configuration = client.serviceClientConfiguration();
            String region = configuration.region() == null ? "default" : configuration.region().id();
            return configuration.endpointOverride()
                    .map(uri -> "endpoint " + Secrets.maskUriPasswords(uri.toString()) + " (region " + region + ")")
                    .orElse("region " + region);
        } catch (RuntimeException notReported) {
            return "(endpoint not reported by the DynamoDbClient)";
        }
    }

    /** Options of a {@link DynamoDbAuditStore}; every one has a default. */
    public static final class Builder {
        private final DynamoDbClient client;
        private boolean ownsClient;
        private String endpoint;
        private String auditTable = DEFAULT_AUDIT_TABLE;
        private String lockTable = DEFAULT_LOCK_TABLE;
        private String tablePrefix = "";
        private TableBilling billing = TableBilling.onDemand();
        private boolean autoCreate = true;
        private boolean consistentReads = true;
        private int pageSize = DEFAULT_PAGE_SIZE;
        private Clock clock = Clock.systemUTC();
        private Duration tableActiveTimeout = DEFAULT_TABLE_ACTIVE_TIMEOUT;

        private Builder(DynamoDbClient client) {
            this.client = Objects.requireNonNull(client, "client");
        }

        /** Name of the audit table before the prefix (default {@value DynamoDbAuditStore#DEFAULT_AUDIT_TABLE}). */
        public Builder auditTable(String name) {
            this.auditTable = Objects.requireNonNull(name, "auditTable");
            return this;
        }

        /** Name of the lock table before the prefix (default {@value DynamoDbAuditStore#DEFAULT_LOCK_TABLE}). */
        public Builder lockTable(String name) {
            this.lockTable = Objects.requireNonNull(name, "lockTable");
            return this;
        }

        /**
         * Put in front of both table names, e.g. {@code "billing_"} for {@code billing_tidemark_audit}
         * and {@code billing_tidemark_lock} (default none).
         */
        public Builder tablePrefix(String prefix) {
            this.tablePrefix = Objects.requireNonNull(prefix, "tablePrefix");
            return this;
        }

        /** Billing of the tables the store creates (default {@link TableBilling#onDemand()}). */
        public Builder billing(TableBilling value) {
            this.billing = Objects.requireNonNull(value, "billing");
            return this;
        }

        /**
         * Whether missing tables are created (default true). When false, {@code initialize()} only
         * verifies them and names every missing table in one {@code ConfigurationException}, with
         * the command that creates it.
         */
        public Builder autoCreate(boolean value) {
            this.autoCreate = value;
            return this;
        }

        /**
         * Whether reads are strongly consistent (default true). Turning it off halves read cost but
         * an instance may then not see records appended a moment ago; the conditional appends
         * still prevent forks, but the engine may stop with a lost-lock error instead of waiting.
         */
        public Builder consistentReads(boolean value) {
            this.consistentReads = value;
            return this;
        }

        /** Records per {@code Query} page when reading history, 1 to 1000 (default {@value DynamoDbAuditStore#DEFAULT_PAGE_SIZE}). */
        public Builder pageSize(int value) {
            this.pageSize = value;
            return this;
        }

        /** The clock lock expiry is computed with (default system UTC); all instances' clocks must agree. */
        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        /** Longest wait for a created table to become active (default 5 minutes). */
        public Builder tableActiveTimeout(Duration value) {
            this.tableActiveTimeout = Objects.requireNonNull(value, "tableActiveTimeout");
            return this;
        }

        /** The store closes the client in {@code close()}: for clients it built itself. */
        Builder ownsClient(boolean value) {
            this.ownsClient = value;
            return this;
        }

        /**
         * How messages and {@code describe()} name where the client points, for clients that do not
         * report their endpoint (custom or in-process clients); by default it is read from the
         * client's configuration. Must not contain a secret.
         */
        public Builder endpointDescription(String value) {
            this.endpoint = Objects.requireNonNull(value, "endpointDescription");
            return this;
        }

        /**
         * The store, after checking the options.
         *
         * @throws ConfigurationException naming every invalid option
         */
        public DynamoDbAuditStore build() {
            List<String> problems = new ArrayList<>(tableNameProblems(tablePrefix, auditTable, lockTable));
            if (pageSize < 1 || pageSize > 1000) {
                problems.add("Page size " + pageSize + " is out of range: use 1 to 1000 records per Query page.");
            }
            if (tableActiveTimeout.isNegative() || tableActiveTimeout.isZero()) {
                problems.add("Table active timeout " + tableActiveTimeout + " must be positive.");
            }
            if (!problems.isEmpty()) {
                throw new ConfigurationException(problems);
            }
            return new DynamoDbAuditStore(this);
        }

        /** What is wrong with the table names {@code prefix + audit} and {@code prefix + lock}; empty when nothing. */
        static List<String> tableNameProblems(String prefix, String audit, String lock) {
            List<String> problems = new ArrayList<>();
            for (String[] table : new String[][] {{"audit", prefix + audit}, {"lock", prefix + lock}}) {
                if (!TABLE_NAME.matcher(table[1]).matches()) {
                    problems.add("DynamoDB " + table[0] + " table name '" + table[1] + "' (prefix included) is invalid: "
                            + "use 3 to 255 letters, digits, '_', '-' or '.'.");
                }
            }
            if (audit.equals(lock)) {
                problems.add("The audit and lock tables are both named '" + prefix + audit
                        + "': give them different names.");
            }
            return problems;
        }
    }
}
