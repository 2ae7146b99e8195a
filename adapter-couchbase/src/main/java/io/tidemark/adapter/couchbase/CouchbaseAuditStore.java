package io.tidemark.adapter.couchbase;

import com.couchbase.client.core.error.DocumentExistsException;
import com.couchbase.client.core.msg.kv.DurabilityLevel;
import com.couchbase.client.java.Cluster;
import com.couchbase.client.java.kv.InsertOptions;
import io.tidemark.core.error.ConfigurationException;
import io.tidemark.spi.AppendResult;
import io.tidemark.spi.AuditRecord;
import io.tidemark.spi.AuditStore;
import io.tidemark.spi.Diagnosis;
import io.tidemark.spi.ExecutionHistory;
import io.tidemark.spi.LockService;
import io.tidemark.spi.MongockChangeLog;
import io.tidemark.spi.support.Secrets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * Tidemark's audit log, history and lock on Couchbase, with key-value operations only: no SQL++,
 * no index, so it works on a bare bucket and every read is strongly consistent.
 *
 * <p>Documents, all in one collection ({@code _default._default} unless configured), keys under a
 * prefix ({@code tidemark} by default):
 * <pre>
 * tidemark::orders::0000000000000000042     one audit record (chain "orders", seq 42)
 * {
 *   "tidemark": "audit-record",
 *   "chain": "orders", "seq": 42,
 *   "executionId": "...", "changeId": "add-email-index", "author": "ana", "order": "1.3",
 *   "state": "APPLIED", "timestamp": "2026-03-01T09:00:00.123Z", "durationMillis": 812,
 *   "host": "...", "instanceId": "...", "className": "...", "methodName": "apply",
 *   "errorType": "", "errorMessage": "",
 *   "metadata": { "rows": "42" },
 *   "previousHash": "...", "hash": "..."
 * }
 * tidemark::orders::tip                     tip hint of chain "orders" (see CouchbaseExecutionHistory)
 * tidemark::lock::orders                    lock "orders" (see CouchbaseLockService)
 * </pre>
 *
 * <p><b>append(record)</b>
 * <ol>
 *   <li>If the record's sequence is beyond the chain's reservation (see
 *       {@link CouchbaseExecutionHistory}: the tip hint promises that no record lies beyond it),
 *       {@code upsert} the hint with a reservation of {@value CouchbaseExecutionHistory#RESERVATION}
 *       more sequences first; if that write fails, nothing is appended. A run of up to
 *       {@value CouchbaseExecutionHistory#RESERVATION} records after a completed run never needs this,
 *       and a longer run of the engine reserved its sequences in one write beforehand
 *       ({@link #prepareAppends}). Every chain is reserved up to at least
 *       {@value CouchbaseExecutionHistory#RESERVATION}; beyond, the first append of a store instance
 *       to a chain it never read reads the hint (one get) to learn the reservation.</li>
 *   <li>{@code insert} the record document at its key, with the configured durability. The insert
 *       fails if the key exists, so this one conditional write is the fence between writers:
 *       {@code DocumentExistsException} becomes {@link AppendResult.SequenceConflict}.</li>
 *   <li>After a successful insert of a record that can end a run (any state but {@code STARTED} and
 *       {@code APPLIED}), {@code upsert} the chain's tip hint (best effort; a failure is logged and
 *       ignored, readers probe past a lagging hint). After a {@code STARTED} or {@code APPLIED}
 *       record the hint is left pending, and written only if this store reads the chain or closes
 *       before appending again: each applied change costs its two inserts.</li>
 * </ol>
 *
 * <p><b>initialize()</b>: nothing to do on the default collection (no request). A named scope and
 * collection are checked with one request and created when missing (auto-create on, the default) or
 * reported in one {@link io.tidemark.core.error.ConfigurationException} (off). Once per store.
 * Buckets are never created: a missing bucket is a configuration error.
 *
 * <p>Failures: timeouts and unreachable clusters raise
 * {@link io.tidemark.core.error.StoreUnavailableException} naming the connection string; a missing
 * bucket, scope or collection, refused credentials or an impossible durability level raise
 * {@link io.tidemark.core.error.ConfigurationException}. No SDK exception escapes; anything else
 * (a bug) passes through as itself.
 *
 * <p>No transactions: the store offers no {@link io.tidemark.spi.TransactionSupport}, so every change
 * unit runs non-transactionally here (its own writes and its {@code APPLIED} record are separate).
 * Couchbase's distributed transactions would need a test server that runs them, and CouchbaseMock,
 * which the tests run against, cannot.
 *
 * <p>Build one around a {@link Cluster} you manage with {@link #builder(Cluster, String)} (closing
 * the store leaves the cluster open), or from configuration with the {@code couchbase} provider
 * ({@link CouchbaseAuditStoreProvider}; the store then connects its own cluster on first use, waiting
 * a bounded time for it to be ready, and disconnects it on close).
 */
public final class CouchbaseAuditStore implements AuditStore {

    private final CouchbaseRequests requests;
    private final CouchbaseRecordCodec codec;
    private final CouchbaseExecutionHistory history;
    private final CouchbaseLockService locks;

    private CouchbaseAuditStore(CouchbaseRequests requests, Clock clock) {
        this.requests = requests;
        this.codec = new CouchbaseRecordCodec(requests.settings());
        this.history = new CouchbaseExecutionHistory(requests, codec);
        this.locks = new CouchbaseLockService(requests, codec, clock);
    }

    /**
     * A builder for a store on {@code bucket} of {@code cluster}, which the caller keeps managing.
     *
     * @param cluster a connected cluster; closing the store leaves it open
     * @param bucket  the bucket holding every document; it must exist
     * @return the builder, with every other option at its default
     */
    public static Builder builder(Cluster cluster, String bucket) {
        Objects.requireNonNull(cluster, "cluster");
        return new Builder((settings, clock) -> CouchbaseRequests.over(cluster, settings), bucket);
    }

    /**
     * A builder for a store that connects as {@code connect} says on first use and disconnects on close:
     * the provider's, so its messages name configuration keys rather than builder calls.
     */
    static Builder connecting(CouchbaseRequests.Connect connect, String bucket) {
        Objects.requireNonNull(connect, "connect");
        Builder builder = new Builder(
                        (settings, clock) -> CouchbaseRequests.connecting(connect, settings, clock), bucket)
                .connectionString(connect.connectionString());
        builder.fromConfiguration = true;
        return builder;
    }

    @Override
    public void initialize() {
        requests.schema().initialize();
    }

    @Override
    public AppendResult append(AuditRecord record) {
        String key = codec.recordKey(record.chain(), record.seq());
        history.reserveFor(record);
        boolean appended =
                requests.kv("appending seq " + record.seq() + " of chain '" + record.chain() + "'", collection -> {
                    try {
                        collection.insert(key, CouchbaseRecordCodec.encode(record), insertOptions());
                        return true;
                    } catch (DocumentExistsException taken) {
                        return false;
                    }
                });
        if (!appended) {
            return new AppendResult.SequenceConflict(record.chain(), record.seq());
        }
        history.appended(record);
        return new AppendResult.Appended(record.seq());
    }

    /** Raises the chain's reservation in its tip hint to {@code lastSeq}, in one write, when it is lower. */
    @Override
    public void prepareAppends(String chain, long lastSeq) {
        history.reserveThrough(chain, lastSeq);
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
     * The bucket, scope and collection, the bucket's record retention, and the durability against
     * the bucket's replicas, checked without creating anything (see {@link CouchbaseSchema}).
     */
    @Override
    public List<Diagnosis> diagnose() {
        return requests.schema().diagnose();
    }

    /**
     * {@inheritDoc}
     *
     * @return {@code couchbase}, the name of {@link CouchbaseAuditStoreProvider}
     */
    /**
     * Mongock's change log in the collection {@code name} ({@code collection} in the configured scope, or
     * {@code scope.collection}) of this store's bucket, as Mongock's {@code couchbase-driver} writes it. Its
     * keys are listed with one SQL++ query, which needs the query service and an index on {@code _doctype}
     * (Mongock's own serves); see the adapter's README. Nothing is created.
     */
    @Override
    public Optional<MongockChangeLog> mongockChangeLog(String name) {
        return Optional.of(new CouchbaseMongockChangeLog(requests, Objects.requireNonNull(name, "name")));
    }

    /** The store's request runner; for the adapter's own tests. */
    CouchbaseRequests requests() {
        return requests;
    }

    @Override
    public String kind() {
        return "couchbase";
    }

    @Override
    public String describe() {
        return requests.settings().describe();
    }

    /**
     * Writes the tip hints left pending, then disconnects the cluster if this store connected it; a
     * cluster passed to the builder stays open.
     */
    @Override
    public void close() {
        try {
            history.flushAll();
        } finally {
            requests.close();
        }
    }

    @Override
    public String toString() {
        return "CouchbaseAuditStore[" + describe() + "]";
    }

    private InsertOptions insertOptions() {
        InsertOptions options = InsertOptions.insertOptions();
        DurabilityLevel durability = requests.settings().durability();
        if (durability != DurabilityLevel.NONE) {
            options.durability(durability);
        }
        return options;
    }

    /** Options of a {@link CouchbaseAuditStore}; every one but the bucket has a default. */
    public static final class Builder {

        /** Default number of records one batch of parallel gets reads. */
        public static final int DEFAULT_PAGE_SIZE = CouchbaseSettings.DEFAULT_PAGE_SIZE;
        /** Default key prefix. */
        public static final String DEFAULT_KEY_PREFIX = CouchbaseSettings.DEFAULT_KEY_PREFIX;
        /**
         * Default time a lock document outlives its lease before the server may expire it: zero,
         * never, so that a key's fencing tokens keep growing as the lock contract says.
         */
        public static final Duration DEFAULT_LOCK_RETENTION = Duration.ZERO;

        private final BiFunction<CouchbaseSettings, Clock, CouchbaseRequests> requests;
        private final String bucket;
        private String scope = CouchbaseSettings.DEFAULT;
        private String collection = CouchbaseSettings.DEFAULT;
        private String keyPrefix = DEFAULT_KEY_PREFIX;
        private DurabilityLevel durability = DurabilityLevel.NONE;
        private int pageSize = DEFAULT_PAGE_SIZE;
        private boolean autoCreate = true;
        private Duration lockRetention = DEFAULT_LOCK_RETENTION;
        private String connectionString = "(connection string not given to the builder)";
        private Clock clock = Clock.systemUTC();
        private boolean fromConfiguration;

        private Builder(BiFunction<CouchbaseSettings, Clock, CouchbaseRequests> requests, String bucket) {
            this.requests = requests;
            this.bucket = requireName(bucket, "bucket");
        }

        /**
         * The scope holding the collection; default {@code _default}.
         *
         * @param value the scope's name, not blank
         * @return this builder
         */
        public Builder scope(String value) {
            this.scope = requireName(value, "scope");
            return this;
        }

        /**
         * The collection holding every Tidemark document; default {@code _default}.
         *
         * @param value the collection's name, not blank
         * @return this builder
         */
        public Builder collection(String value) {
            this.collection = requireName(value, "collection");
            return this;
        }

        /**
         * The prefix of every document key; default {@code tidemark}. 1 to 50 letters, digits, '.',
         * '-' or '_'; several stores with different prefixes can share one collection.
         *
         * @param value the prefix
         * @return this builder
         * @throws ConfigurationException when the prefix breaks that rule
         */
        public Builder keyPrefix(String value) {
            Objects.requireNonNull(value, "keyPrefix");
            CouchbaseSettings.keyPrefixProblem(value).ifPresent(problem -> {
                throw new ConfigurationException(problem);
            });
            this.keyPrefix = value;
            return this;
        }

        /**
         * Synchronous durability of audit and lock writes; default {@code NONE}, because a single node
         * (a development cluster, CouchbaseMock) cannot give more and would refuse every write.
         *
         * <p><b>{@code NONE} breaks the store's contract on a cluster with replicas.</b> A write is
         * then acknowledged as soon as the active node has it in memory, before any replica or disk
         * has it. If that node fails over before replicating, the acknowledged write is gone: an audit
         * record vanishes (its change unit runs again on the next start, or another writer takes its
         * sequence with a record of its own, and verification reports the chain broken), and a lock
         * document can go back to an older state (a second instance can then take a lock that is still
         * held, and both run changes at once). Set {@code MAJORITY} (or stronger) on every cluster with
         * replicas; {@code tidemark doctor} warns when a bucket with replicas is written with
         * {@code NONE}. A level the bucket cannot satisfy (too few replicas or nodes) fails every write
         * with a {@link ConfigurationException} naming it.
         *
         * @param value the durability level of every write
         * @return this builder
         */
        public Builder durability(DurabilityLevel value) {
            this.durability = Objects.requireNonNull(value, "durability");
            return this;
        }

        /**
         * How many record keys one batch of parallel gets reads; default {@value #DEFAULT_PAGE_SIZE},
         * from 1 to 10000.
         *
         * @param value the number of keys per batch
         * @return this builder
         * @throws ConfigurationException when out of range
         */
        public Builder pageSize(int value) {
            CouchbaseSettings.pageSizeProblem(value).ifPresent(problem -> {
                throw new ConfigurationException(problem);
            });
            this.pageSize = value;
            return this;
        }

        /**
         * Whether a missing named scope or collection is created; default true.
         *
         * @param value true to create, false to report what is missing
         * @return this builder
         */
        public Builder autoCreate(boolean value) {
            this.autoCreate = value;
            return this;
        }

        /**
         * How long a lock document outlives its lease before the server may expire it (garbage
         * collection only; correctness never depends on it); default zero, never. With a retention, a
         * key left unused that long loses its document and its fencing tokens start again at 1.
         *
         * @param value the retention; zero for never
         * @return this builder
         * @throws ConfigurationException when negative
         */
        public Builder lockRetention(Duration value) {
            if (value.isNegative()) {
                throw new ConfigurationException("The Couchbase lock retention must not be negative, was " + value);
            }
            this.lockRetention = value;
            return this;
        }

        /**
         * The cluster's connection string, used only to name the store in messages and
         * {@link #describe()}; any password in it is masked.
         *
         * @param value the connection string, e.g. {@code couchbase://db1}
         * @return this builder
         */
        public Builder connectionString(String value) {
            this.connectionString = Secrets.maskUriPasswords(Objects.requireNonNull(value, "connectionString"));
            return this;
        }

        /**
         * The clock of the lock service's "now" (and, for a store that connects its own cluster, of the
         * wait before it tries again after a failed connection); default the system clock in UTC.
         *
         * @param value the clock
         * @return this builder
         */
        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        /**
         * The store; it makes no request until it is used.
         *
         * @return a new store with these options
         */
        public CouchbaseAuditStore build() {
            CouchbaseSettings settings = new CouchbaseSettings(
                    connectionString,
                    bucket,
                    scope,
                    collection,
                    keyPrefix,
                    durability,
                    pageSize,
                    autoCreate,
                    lockRetention,
                    fromConfiguration);
            return new CouchbaseAuditStore(requests.apply(settings, clock), clock);
        }

        private static String requireName(String value, String what) {
            Objects.requireNonNull(value, what);
            CouchbaseSettings.nameProblem(what, value).ifPresent(problem -> {
                throw new ConfigurationException(problem);
            });
            return value;
        }
    }
}
