package io.tidemark.adapter.mongodb;

import com.mongodb.MongoClientSettings;
import com.mongodb.MongoException;
import com.mongodb.ReadConcern;
import com.mongodb.ReadPreference;
import com.mongodb.WriteConcern;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tidemark's audit log, history and lock in a MongoDB database, through {@code mongodb-driver-sync}.
 *
 * <pre>{@code
 * MongoClient client = MongoClients.create("mongodb://db-1,db-2,db-3/?replicaSet=rs0");
 * AuditStore store = MongoAuditStore.builder(client, "app")
 *         .auditCollection("migrationsAudit")
 *         .build();
 * }</pre>
 *
 * <p>Audit collection ({@value #DEFAULT_AUDIT_COLLECTION} by default, unique index
 * {@code {chain: 1, seq: 1}}), one document per record; lock collection
 * ({@value #DEFAULT_LOCK_COLLECTION}), one document per key. The adapter's README gives the shapes
 * and the algorithm of every operation:
 * <ol>
 *   <li>{@link #initialize()}: creates the unique index (which creates the audit collection) and
 *       the lock collection, or with auto-create off verifies them; once per store instance, and in
 *       any case before the first append or lock acquisition of the instance, because the unique
 *       index is what makes appends conditional.</li>
 *   <li>{@link #append}: one {@code insertOne}; a duplicate-key error (E11000) on the unique index
 *       means the sequence is taken and becomes {@link AppendResult.SequenceConflict}.</li>
 *   <li>History and lock: see {@link #history()} and {@link #lockService()}.</li>
 *   <li>Transactions ({@link #transactions()}): a change unit declaring a
 *       {@link com.mongodb.client.ClientSession} parameter runs in a transaction whose last write is
 *       the {@code APPLIED} record; available on replica sets and sharded clusters only.</li>
 * </ol>
 *
 * <p>Consistency: write concern majority with journal, read concern majority, reads from the
 * primary. Weaker settings are refused by the builder with a {@link ConfigurationException}: they
 * would let an acknowledged record vanish in a failover, or an instance read a stale chain, and a
 * change run twice.
 *
 * <p>Driver exceptions never escape: unreachable servers and timeouts raise
 * {@link io.tidemark.core.error.StoreUnavailableException} naming the hosts, database and
 * collection (never credentials); refused authentication and missing collections raise
 * {@link ConfigurationException}; a record or lock document this version cannot read raises
 * {@link io.tidemark.core.error.UnreadableRecordException}.
 *
 * <p>Thread-safe. A store built around a client passed in leaves it open on {@link #close()}; a
 * store that created its client (from {@link MongoClientSettings}, or through
 * {@link MongoAuditStoreProvider}) closes it.
 */
public final class MongoAuditStore implements AuditStore {

    /** Default name of the audit collection. */
    public static final String DEFAULT_AUDIT_COLLECTION = "tidemarkAudit";
    /** Default name of the lock collection. */
    public static final String DEFAULT_LOCK_COLLECTION = "tidemarkLock";
    /** Default number of records read per request. */
    public static final int DEFAULT_PAGE_SIZE = 100;
    /** Largest page size accepted; pages are held in memory whole. */
    public static final int MAX_PAGE_SIZE = 10_000;
    /** The write concern of every write: acknowledged by a majority of the replica set, and journaled. */
    public static final WriteConcern DEFAULT_WRITE_CONCERN = WriteConcern.MAJORITY.withJournal(true);
    /** How long a client the store creates waits for a server before a request fails, unless told otherwise. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    /** The shortest wait for a server accepted. */
    public static final Duration MIN_CONNECT_TIMEOUT = Duration.ofMillis(100);
    /** The longest wait for a server accepted: every request of an unreachable store waits this long. */
    public static final Duration MAX_CONNECT_TIMEOUT = Duration.ofMinutes(10);

    private static final Logger log = LoggerFactory.getLogger(MongoAuditStore.class);

    private final MongoClient client;
    private final boolean ownsClient;
    private final MongoSettings settings;
    private final MongoRequests requests;
    private final MongoSchema schema;
    private final MongoExecutionHistory history;
    private final MongoLockService locks;
    private final MongoTransactionSupport transactions;
    private final Object setupMonitor = new Object();
    private volatile boolean initialized;

    private MongoAuditStore(MongoClient client, boolean ownsClient, MongoSettings settings, MongoFailures failures) {
        this.client = client;
        this.ownsClient = ownsClient;
        this.settings = settings;
        this.requests = new MongoRequests(client, settings, failures);
        this.schema = new MongoSchema(requests);
        this.history = new MongoExecutionHistory(requests);
        this.locks = new MongoLockService(requests, this::initialize);
        this.transactions = new MongoTransactionSupport(requests, this::initialize);
    }

    /**
     * A builder of a store in {@code database} that uses {@code client} and leaves it open. How long
     * a request waits for an unreachable server is the client's server selection timeout (the
     * driver's default is 30 s; set it with
     * {@code MongoClientSettings.builder().applyToClusterSettings(c -> c.serverSelectionTimeout(...))}).
     *
     * @param client   the client the store sends its requests with; the caller closes it
     * @param database the database holding the audit and lock collections
     * @return a builder with the defaults described on its options
     */
    public static Builder builder(MongoClient client, String database) {
        return new Builder(
                Objects.requireNonNull(client, "client"), null, Objects.requireNonNull(database, "database"));
    }

    /**
     * A builder of a store in {@code database} that creates its own client from
     * {@code clientSettings} when built, and closes it with the store. The wait for a server is
     * {@code clientSettings}' own unless {@link Builder#connectTimeout(Duration)} sets it.
     *
     * @param clientSettings how to create the client: hosts, credentials, TLS and the like
     * @param database       the database holding the audit and lock collections
     * @return a builder with the defaults described on its options
     */
    public static Builder builder(MongoClientSettings clientSettings, String database) {
        return new Builder(
                null,
                Objects.requireNonNull(clientSettings, "clientSettings"),
                Objects.requireNonNull(database, "database"));
    }

    /**
     * The database of this store.
     *
     * @return the name of the database holding the collections
     */
    public String database() {
        return requests.failures().database();
    }

    /** The settings this store was built with. */
    MongoSettings settings() {
        return settings;
    }

    /** The store's request runner (for tests in this package). */
    MongoRequests requests() {
        return requests;
    }

    /** How long this store's client waits for a server before a request fails; empty: without limit. */
    Optional<Duration> serverWait() {
        return requests.failures().serverWait();
    }

    @Override
    public void initialize() {
        if (initialized) {
            return;
        }
        synchronized (setupMonitor) {
            if (!initialized) {
                schema.prepare();
                initialized = true;
            }
        }
    }

    @Override
    public AppendResult append(AuditRecord record) {
        initialize();
        Document document = MongoRecordCodec.toDocument(record);
        return requests.audit(
                "appending seq " + record.seq() + " of chain '" + record.chain() + "'",
                audit -> {
                    audit.insertOne(document);
                    return new AppendResult.Appended(record.seq());
                },
                failure -> {
                    if (MongoFailures.isDuplicateKey(failure)) {
                        log.debug("Seq {} of chain '{}' is taken in {}", record.seq(), record.chain(), describe());
                        return Optional.of(new AppendResult.SequenceConflict(record.chain(), record.seq()));
                    }
                    return Optional.empty();
                });
    }

    /**
     * The reader: {@code tip} is one {@code find({chain})} sorted by {@code seq} descending, limit 1;
     * {@code readFrom} reads keyset pages of {@code find({chain, seq: {$gte: from}})} sorted by
     * {@code seq}, page size + 1 documents per request, one page in memory at a time.
     */
    @Override
    public ExecutionHistory history() {
        return history;
    }

    /**
     * The lock: {@code tryAcquire} is one {@code findOneAndUpdate} with upsert whose filter matches a
     * free, expired or own lock; when another owner holds it, the upsert collides with the existing
     * {@code _id} and that duplicate key means "held". {@code now} comes from the store's clock; no
     * TTL index is involved.
     */
    @Override
    public LockService lockService() {
        return locks;
    }

    /**
     * Always present, so that a change unit asking for a {@link com.mongodb.client.ClientSession}
     * is recognised; on a deployment without transactions its
     * {@link TransactionSupport#unavailableReason()} says why, and the engine refuses to build.
     */
    @Override
    public Optional<TransactionSupport<?>> transactions() {
        return Optional.of(transactions);
    }

    /** The collections and the unique index, checked without creating anything. */
    @Override
    public List<Diagnosis> diagnose() {
        return schema.diagnose();
    }

    /**
     * {@inheritDoc}
     *
     * @return {@code mongodb}, the name of {@link MongoAuditStoreProvider}
     */
    /**
     * Mongock's change log in the collection {@code name} of this store's database, read as Mongock 5's
     * MongoDB drivers write it; nothing is created, and a missing collection is reported when the entries
     * are read.
     */
    @Override
    public Optional<MongockChangeLog> mongockChangeLog(String name) {
        return Optional.of(new MongoMongockChangeLog(requests, Objects.requireNonNull(name, "name")));
    }

    @Override
    public String kind() {
        return "mongodb";
    }

    @Override
    public String describe() {
        return requests.failures().describe() + " (audit collection '" + settings.auditCollection()
                + "', lock collection '" + settings.lockCollection() + "')";
    }

    /** Closes the client when the store created it; a client passed in stays open. */
    @Override
    public void close() {
        if (ownsClient) {
            client.close();
        }
    }

    @Override
    public String toString() {
        return "MongoAuditStore[" + describe() + "]";
    }

    /**
     * {@code settings} with server selection waiting {@code wait} and opening a connection waiting at
     * most as long (the driver's connect timeout is kept when it is shorter).
     */
    static MongoClientSettings withConnectTimeout(MongoClientSettings settings, Duration wait) {
        long millis = wait.toMillis();
        int connect = settings.getSocketSettings().getConnectTimeout(TimeUnit.MILLISECONDS);
        long connectMillis = connect <= 0 ? millis : Math.min(connect, millis);
        return MongoClientSettings.builder(settings)
                .applyToClusterSettings(cluster -> cluster.serverSelectionTimeout(millis, TimeUnit.MILLISECONDS))
                .applyToSocketSettings(socket -> socket.connectTimeout(connectMillis, TimeUnit.MILLISECONDS))
                .build();
    }

    /**
     * Builds a {@link MongoAuditStore}; every setter is optional. {@link #build()} checks every value
     * and reports all problems in one {@link ConfigurationException}.
     */
    public static final class Builder {
        private final MongoClient client;
        private final MongoClientSettings clientSettings;
        private final String database;
        private String auditCollection = DEFAULT_AUDIT_COLLECTION;
        private String lockCollection = DEFAULT_LOCK_COLLECTION;
        private WriteConcern writeConcern = DEFAULT_WRITE_CONCERN;
        private ReadConcern readConcern = ReadConcern.MAJORITY;
        private ReadPreference readPreference = ReadPreference.primary();
        private boolean autoCreate = true;
        private int pageSize = DEFAULT_PAGE_SIZE;
        private Clock clock = Clock.systemUTC();
        private Duration connectTimeout;
        private String waitSetting;
        private boolean fromConfiguration;

        private Builder(MongoClient client, MongoClientSettings clientSettings, String database) {
            this.client = client;
            this.clientSettings = clientSettings;
            this.database = database;
        }

        /**
         * The collection holding audit records.
         *
         * @param name a valid collection name (default {@value MongoAuditStore#DEFAULT_AUDIT_COLLECTION})
         * @return this builder
         */
        public Builder auditCollection(String name) {
            this.auditCollection = Objects.requireNonNull(name, "auditCollection");
            return this;
        }

        /**
         * The collection holding lock documents; it must differ from the audit collection.
         *
         * @param name a valid collection name (default {@value MongoAuditStore#DEFAULT_LOCK_COLLECTION})
         * @return this builder
         */
        public Builder lockCollection(String name) {
            this.lockCollection = Objects.requireNonNull(name, "lockCollection");
            return this;
        }

        /**
         * The write concern of every write; default {@link MongoAuditStore#DEFAULT_WRITE_CONCERN}.
         * Only {@code w: "majority"} with the journal (or journal unset) is accepted, with any
         * {@code wtimeout}: anything weaker could lose an acknowledged record in a failover, and
         * {@link #build()} refuses it.
         *
         * @param value the write concern
         * @return this builder
         */
        public Builder writeConcern(WriteConcern value) {
            this.writeConcern = Objects.requireNonNull(value, "writeConcern");
            return this;
        }

        /**
         * The read concern of every read outside transactions; default majority. Only majority and
         * linearizable are accepted: a weaker one can return records a failover rolls back, and
         * {@link #build()} refuses it.
         *
         * @param value the read concern
         * @return this builder
         */
        public Builder readConcern(ReadConcern value) {
            this.readConcern = Objects.requireNonNull(value, "readConcern");
            return this;
        }

        /**
         * Where reads go; only the primary (the default) is accepted: a secondary can lag behind, and
         * {@link #build()} refuses any other preference.
         *
         * @param value the read preference
         * @return this builder
         */
        public Builder readPreference(ReadPreference value) {
            this.readPreference = Objects.requireNonNull(value, "readPreference");
            return this;
        }

        /**
         * Whether {@link MongoAuditStore#initialize()} creates missing collections and the unique
         * index (default true), or only verifies them and names what is missing.
         *
         * @param value true to create, false to verify only
         * @return this builder
         */
        public Builder autoCreate(boolean value) {
            this.autoCreate = value;
            return this;
        }

        /**
         * Records fetched per request when reading a chain; a page is held in memory whole.
         *
         * @param value 1 to {@value MongoAuditStore#MAX_PAGE_SIZE} (default {@value MongoAuditStore#DEFAULT_PAGE_SIZE})
         * @return this builder
         */
        public Builder pageSize(int value) {
            this.pageSize = value;
            return this;
        }

        /**
         * The time lock expiries are computed and compared with; the server's clock plays no part.
         *
         * @param value the clock (default the system clock, UTC)
         * @return this builder
         */
        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        /**
         * How long a request waits for a server before it fails with
         * {@link io.tidemark.core.error.StoreUnavailableException}: the driver's server selection
         * timeout, and at most as long to open a connection; from
         * {@link MongoAuditStore#MIN_CONNECT_TIMEOUT} to {@link MongoAuditStore#MAX_CONNECT_TIMEOUT}.
         * Only for a store that creates its client ({@link MongoAuditStore#builder(MongoClientSettings, String)});
         * a client passed in keeps its own, and {@link #build()} refuses this option then.
         *
         * @param wait the wait for a server
         * @return this builder
         */
        public Builder connectTimeout(Duration wait) {
            this.connectTimeout = Objects.requireNonNull(wait, "connectTimeout");
            return this;
        }

        /** What sets the wait for a server, for the log line and messages (the provider names its key). */
        Builder waitSetting(String description) {
            this.waitSetting = description;
            return this;
        }

        /** The provider builds this store from configuration: messages name its keys, not builder calls. */
        Builder fromConfiguration() {
            this.fromConfiguration = true;
            return this;
        }

        /**
         * The store. A store built from {@link MongoClientSettings} creates its client here; no
         * request is sent before the first operation.
         *
         * @return the store
         * @throws ConfigurationException naming every invalid value at once: the database or a
         *     collection name, the page size, a consistency setting weaker than the ports need, the
         *     wait for a server, or settings the driver refuses to create a client from
         */
        public MongoAuditStore build() {
            List<String> problems = new ArrayList<>();
            MongoSettings.databaseNameProblem(database).ifPresent(problems::add);
            MongoSettings.collectionNameProblem("audit collection", auditCollection)
                    .ifPresent(problems::add);
            MongoSettings.collectionNameProblem("lock collection", lockCollection)
                    .ifPresent(problems::add);
            MongoSettings.sameCollectionsProblem(auditCollection, lockCollection)
                    .ifPresent(problems::add);
            MongoSettings.pageSizeProblem(pageSize).ifPresent(problems::add);
            MongoSettings.concernProblems(writeConcern, readConcern, readPreference)
                    .forEach(problem ->
                            problems.add(problem + " Leave the store's default, or set one at least as strong."));
            if (connectTimeout != null) {
                if (client != null) {
                    problems.add("connectTimeout(...) applies to a client the store creates "
                            + "(MongoAuditStore.builder(MongoClientSettings, database)); this store uses the MongoClient "
                            + "passed in, which waits for a server as long as its own settings say: set "
                            + "serverSelectionTimeout in that client's MongoClientSettings (applyToClusterSettings) "
                            + "instead.");
                }
                MongoSettings.connectTimeoutProblem(connectTimeout).ifPresent(problems::add);
            }
            if (!problems.isEmpty()) {
                throw new ConfigurationException(problems);
            }
            MongoSettings settings = new MongoSettings(
                    auditCollection,
                    lockCollection,
                    writeConcern,
                    readConcern,
                    readPreference,
                    autoCreate,
                    pageSize,
                    clock,
                    fromConfiguration);
            if (client != null) {
                return new MongoAuditStore(
                        client,
                        false,
                        settings,
                        MongoFailures.of(
                                client,
                                database,
                                waitSetting != null
                                        ? waitSetting
                                        : "the server selection timeout of the MongoClient passed in"));
            }
            MongoClient created = createClient();
            String wait = waitSetting != null
                    ? waitSetting
                    : connectTimeout != null
                            ? "the builder's connectTimeout"
                            : "the server selection timeout of the MongoClientSettings";
            return new MongoAuditStore(created, true, settings, MongoFailures.of(created, database, wait));
        }

        private MongoClient createClient() {
            MongoClientSettings effective =
                    connectTimeout == null ? clientSettings : withConnectTimeout(clientSettings, connectTimeout);
            try {
                return MongoClients.create(effective);
            } catch (MongoException | IllegalArgumentException e) {
                boolean credentials = clientSettings.getCredential() != null;
                throw new ConfigurationException("Cannot create a MongoDB client for database '" + database + "' on "
                        + clientSettings.getClusterSettings().getHosts() + ": "
                        + (credentials
                                ? e.getClass().getSimpleName()
                                        + " (the driver's reason is not shown, as it may quote the credentials); check the connection "
                                        + "settings"
                                : MongoFailures.detail(e)));
            }
        }
    }
}
