package io.tidemark.adapter.mongodb;

import com.mongodb.MongoClientSettings;
import com.mongodb.MongoException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import io.tidemark.core.error.ConfigurationException;
import io.tidemark.spi.AppendResult;
import io.tidemark.spi.AuditRecord;
import io.tidemark.spi.AuditStore;
import io.tidemark.spi.Diagnosis;
import io.tidemark.spi.ExecutionHistory;
import io.tidemark.spi.LockService;
import io.tidemark.spi.TransactionSupport;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.bson.BSONException;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tidemark's audit log, history and lock in a MongoDB database, through {@code mongodb-driver-sync}.
 *
 * <pre>{@code
 * MongoClient client = MongoClients.create("mongodb://db-1,db-2,db-3/?replicaSet=rs0");
 * AuditStore store = new MongoAuditStore(client, "app",
 *         MongoStoreOptions.builder().auditCollection("migrationsAudit").build());
 * }</pre>
 *
 * <h2>Stored documents</h2>
 * Audit collection ({@code tidemarkAudit}, unique index {@code {chain: 1, seq: 1}}), one document
 * per record; see {@link AuditDocuments} for every field:
 * <pre>
 * { _id: ObjectId, chain: "default", seq: NumberLong(7), changeId: "create-accounts", state: "APPLIED",
 *   timestamp: ISODate(...), metadata: [ {k: "rows", v: "12"} ], previousHash: "...", hash: "...", ... }
 * </pre>
 * Lock collection ({@code tidemarkLock}), one document per key, kept when released so that fencing
 * tokens keep growing:
 * <pre>
 * { _id: "default", owner: "app-1-4242/5f0c...", expiresAt: ISODate(...), token: NumberLong(3) }
 * { _id: "default", expiresAt: ISODate(...), token: NumberLong(3) }          // released: no owner
 * </pre>
 *
 * <h2>Operations</h2>
 * <ol>
 *   <li>{@link #initialize()}: creates the unique index (which creates the audit collection) and
 *       the lock collection, or with auto-create off verifies them; once per store instance, and in
 *       any case before the first append or lock acquisition of the instance, because the unique
 *       index is what makes appends conditional.</li>
 *   <li>{@link #append}: one {@code insertOne}; a duplicate-key error (E11000) on the unique index
 *       means the sequence is taken and becomes {@link AppendResult.SequenceConflict}.</li>
 *   <li>{@code tip}: {@code find({chain})} sorted by {@code seq} descending, limit 1.</li>
 *   <li>{@code readFrom}: keyset pages of {@code find({chain, seq: {$gte: from}})} sorted by
 *       {@code seq}, page size + 1 documents per request (the extra one only tells whether more
 *       follow); one page in memory at a time, no server cursor left open between pages.</li>
 *   <li>{@code tryAcquire}: one {@code findOneAndUpdate} with upsert and filter
 *       {@code {_id: key, $or: [{owner: null}, {expiresAt: {$lte: now}}, {owner: caller}]}}, setting
 *       owner and expiry and incrementing the token; when the key is held the filter matches nothing,
 *       the upsert collides with the existing {@code _id}, and that duplicate key is the answer
 *       "held" ({@code Optional.empty()}). {@code now} comes from the options' {@link java.time.Clock};
 *       no TTL index is involved.</li>
 *   <li>{@code extend}: {@code findOneAndUpdate} filtered on key, owner and token, setting the
 *       expiry. {@code release}: {@code updateOne} with the same filter, removing the owner and
 *       keeping the token. {@code inspect}: {@code find} by {@code _id}.</li>
 *   <li>Transactions ({@link #transactions()}): a change unit declaring a
 *       {@link com.mongodb.client.ClientSession} parameter runs in a transaction whose last write is
 *       the {@code APPLIED} record; available on replica sets and sharded clusters only.</li>
 * </ol>
 *
 * <p>Defaults: write concern majority with journal, read concern majority, primary reads (see
 * {@link MongoStoreOptions}). Driver exceptions never escape: unreachable servers and timeouts
 * raise {@link io.tidemark.core.error.StoreUnavailableException} naming the hosts, database and
 * collection (never credentials); refused authentication and missing collections raise
 * {@link ConfigurationException}.
 *
 * <p>Thread-safe. A store built around a client passed in leaves it open on {@link #close()}; a
 * store created by {@link MongoAuditStoreProvider} closes its own.
 */
public final class MongoAuditStore implements AuditStore {

    private static final Logger log = LoggerFactory.getLogger(MongoAuditStore.class);

    private final MongoClient client;
    private final boolean ownsClient;
    private final MongoStoreOptions options;
    private final MongoFailures failures;
    private final MongoCollection<Document> audit;
    private final CollectionSetup setup;
    private final MongoExecutionHistory history;
    private final MongoLockService locks;
    private final MongoTransactions transactions;
    private final Object setupMonitor = new Object();
    private volatile boolean initialized;

    /** A store with the default {@link MongoStoreOptions} in {@code database}, using {@code client}, which it leaves open. */
    public MongoAuditStore(MongoClient client, String database) {
        this(client, database, MongoStoreOptions.defaults());
    }

    /** A store in {@code database} using {@code client}, which it leaves open. */
    public MongoAuditStore(MongoClient client, String database, MongoStoreOptions options) {
        this(client, false, MongoLocation.of(Objects.requireNonNull(client, "client"), checkDatabaseName(database)),
                options);
    }

    private MongoAuditStore(MongoClient client, boolean ownsClient, MongoLocation location, MongoStoreOptions options) {
        this.client = client;
        this.ownsClient = ownsClient;
        this.options = Objects.requireNonNull(options, "options");
        this.failures = new MongoFailures(location);
        MongoDatabase database = client.getDatabase(location.database())
                .withCodecRegistry(MongoClientSettings.getDefaultCodecRegistry())
                .withWriteConcern(options.writeConcern())
                .withReadConcern(options.readConcern())
                .withReadPreference(options.readPreference());
        this.audit = database.getCollection(options.auditCollection());
        this.setup = new CollectionSetup(database, options, failures);
        this.history = new MongoExecutionHistory(audit, options, failures);
        this.locks = new MongoLockService(database.getCollection(options.lockCollection()), options, failures,
                this::initialize);
        this.transactions = new MongoTransactions(client, audit, options, failures, this::initialize);
    }

    /** A store that owns {@code client} and closes it; for {@link MongoAuditStoreProvider}. */
    static MongoAuditStore owning(MongoClient client, MongoLocation location, MongoStoreOptions options) {
        return new MongoAuditStore(client, true, location, options);
    }

    /** Rejects database names MongoDB would refuse, before any request. */
    static String checkDatabaseName(String database) {
        Objects.requireNonNull(database, "database");
        if (database.isEmpty() || database.length() > 63 || database.chars().anyMatch(c -> "/\\. \"$*<>:|?\0".indexOf(c) >= 0)) {
            throw new ConfigurationException("The database name '" + database + "' is not valid in MongoDB: use 1 to 63 "
                    + "characters, none of them / \\ . space \" $ * < > : | ?");
        }
        return database;
    }

    /** The options this store was built with. */
    public MongoStoreOptions options() {
        return options;
    }

    /** The name of the database holding the collections. */
    public String database() {
        return failures.location().database();
    }

    @Override
    public void initialize() {
        if (initialized) {
            return;
        }
        synchronized (setupMonitor) {
            if (!initialized) {
                setup.prepare();
                initialized = true;
            }
        }
    }

    @Override
    public AppendResult append(AuditRecord record) {
        initialize();
        try {
            audit.insertOne(AuditDocuments.toDocument(record));
            return new AppendResult.Appended(record.seq());
        } catch (MongoException | BSONException e) {
            if (e instanceof MongoException mongo && MongoFailures.isDuplicateKey(mongo)) {
                log.debug("Seq {} of chain '{}' is taken in {}", record.seq(), record.chain(), describe());
                return new AppendResult.SequenceConflict(record.chain(), record.seq());
            }
            throw failures.translate(options.auditCollection(), "appending seq " + record.seq() + " of chain '"
                    + record.chain() + "'", e);
        }
    }

    @Override
    public ExecutionHistory history() {
        return history;
    }

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
        return setup.diagnose();
    }

    @Override
    public String describe() {
        return failures.location().describe() + " (audit collection '" + options.auditCollection()
                + "', lock collection '" + options.lockCollection() + "')";
    }

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
}
