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
import io.tidemark.spi.support.Secrets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

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
 *   <li>If the record's sequence is beyond the chain's reservation (see {@link TipHints}: the hint
 *       promises that no record lies beyond it), {@code upsert} the hint with a reservation of
 *       {@value TipHints#RESERVATION} more sequences first; if that write fails, nothing is
 *       appended. A run of up to {@value TipHints#RESERVATION} records after a completed run never
 *       needs this, and a longer run of the engine reserved its sequences in one write beforehand
 *       ({@link #prepareAppends}). Every chain is reserved up to at least {@value TipHints#RESERVATION}; beyond,
 *       the first append of a store instance to a chain it never read reads the hint (one get) to
 *       learn the reservation.</li>
 *   <li>{@code insert} the record document at its key, with the configured durability. The insert
 *       fails if the key exists, so this one conditional write is the fence between writers:
 *       {@code DocumentExistsException} becomes {@link AppendResult.SequenceConflict}.</li>
 *   <li>After a successful insert of a record that can end a run (any state but {@code STARTED} and
 *       {@code APPLIED}), {@code upsert} the chain's tip hint (best effort; a failure is logged and
 *       ignored, readers probe past a lagging hint). After a {@code STARTED} or {@code APPLIED}
 *       record the hint is left pending, and written only if this store reads the chain or closes
 *       before appending again (see {@link TipHints}): each applied change costs its two inserts.</li>
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
 * {@link io.tidemark.core.error.ConfigurationException}. No SDK exception escapes.
 *
 * <p>Build one around a {@link Cluster} you manage with {@link #builder(Cluster, String)} (closing
 * the store leaves the cluster open), or from configuration with the {@code couchbase} provider
 * ({@link CouchbaseAuditStoreProvider}; the store then owns and closes its cluster).
 */
public final class CouchbaseAuditStore implements AuditStore {

    private final ClusterConnection connection;
    private final KeyValueAccess access;
    private final TipHints hints;
    private final CouchbaseExecutionHistory history;
    private final CouchbaseLockService locks;

    private CouchbaseAuditStore(ClusterConnection connection, StoreSettings settings, Clock clock) {
        this.connection = connection;
        this.access = new KeyValueAccess(connection, settings);
        this.hints = new TipHints(access);
        this.history = new CouchbaseExecutionHistory(access, hints);
        this.locks = new CouchbaseLockService(access, clock);
    }

    /** A builder for a store on {@code bucket} of {@code cluster}, which the caller keeps managing. */
    public static Builder builder(Cluster cluster, String bucket) {
        Objects.requireNonNull(cluster, "cluster");
        return new Builder(ClusterConnection.given(cluster), bucket);
    }

    /** A builder for a store that connects on first use and disconnects on close (the provider's path). */
    static Builder owning(ClusterConnection connection, String bucket) {
        return new Builder(connection, bucket);
    }

    @Override
    public void initialize() {
        access.initialize();
    }

    @Override
    public AppendResult append(AuditRecord record) {
        String key = access.settings().keys().record(record.chain(), record.seq());
        hints.reserveFor(record);
        boolean appended = access.call("appending seq " + record.seq() + " of chain '" + record.chain() + "'",
                collection -> {
                    try {
                        collection.insert(key, AuditRecordCodec.encode(record), insertOptions());
                        return true;
                    } catch (DocumentExistsException taken) {
                        return false;
                    }
                });
        if (!appended) {
            return new AppendResult.SequenceConflict(record.chain(), record.seq());
        }
        hints.appended(record);
        return new AppendResult.Appended(record.seq());
    }

    /** Raises the chain's reservation in its tip hint to {@code lastSeq}, in one write, when it is lower. */
    @Override
    public void prepareAppends(String chain, long lastSeq) {
        hints.reserveThrough(chain, lastSeq);
    }

    @Override
    public ExecutionHistory history() {
        return history;
    }

    @Override
    public LockService lockService() {
        return locks;
    }

    /** The bucket, scope and collection, checked without creating anything. */
    @Override
    public List<Diagnosis> diagnose() {
        return access.diagnose();
    }

    @Override
    public String describe() {
        return access.settings().describe();
    }

    /**
     * Writes the tip hints left pending, then disconnects the cluster if this store connected it; a
     * cluster passed to the builder stays open.
     */
    @Override
    public void close() {
        try {
            hints.flushAll();
        } finally {
            connection.close();
        }
    }

    @Override
    public String toString() {
        return "CouchbaseAuditStore[" + describe() + "]";
    }

    private InsertOptions insertOptions() {
        InsertOptions options = InsertOptions.insertOptions();
        DurabilityLevel durability = access.settings().durability();
        if (durability != DurabilityLevel.NONE) {
            options.durability(durability);
        }
        return options;
    }

    /** Options of a {@link CouchbaseAuditStore}; every one has a default. */
    public static final class Builder {

        /** Default number of records one batch of parallel gets reads. */
        public static final int DEFAULT_PAGE_SIZE = 100;
        /** Default key prefix. */
        public static final String DEFAULT_KEY_PREFIX = "tidemark";
        /**
         * Default time a lock document outlives its lease before the server may expire it: zero,
         * never, so that a key's fencing tokens keep growing as the lock contract says.
         */
        public static final Duration DEFAULT_LOCK_RETENTION = Duration.ZERO;

        private final ClusterConnection connection;
        private final String bucket;
        private String scope = StoreSettings.DEFAULT;
        private String collection = StoreSettings.DEFAULT;
        private String keyPrefix = DEFAULT_KEY_PREFIX;
        private DurabilityLevel durability = DurabilityLevel.NONE;
        private int pageSize = DEFAULT_PAGE_SIZE;
        private boolean autoCreate = true;
        private Duration lockRetention = DEFAULT_LOCK_RETENTION;
        private String connectionString = "(connection string not given to the builder)";
        private Clock clock = Clock.systemUTC();

        private Builder(ClusterConnection connection, String bucket) {
            this.connection = connection;
            this.bucket = requireName(bucket, "bucket");
        }

        /** The scope holding the collection; default {@code _default}. */
        public Builder scope(String value) {
            this.scope = requireName(value, "scope");
            return this;
        }

        /** The collection holding every Tidemark document; default {@code _default}. */
        public Builder collection(String value) {
            this.collection = requireName(value, "collection");
            return this;
        }

        /** The prefix of every document key; default {@code tidemark}. Letters, digits, '.', '-', '_'. */
        public Builder keyPrefix(String value) {
            this.keyPrefix = Objects.requireNonNull(value, "keyPrefix");
            return this;
        }

        /**
         * Synchronous durability of audit and lock writes; default {@code NONE}. Set
         * {@code MAJORITY} (or stronger) on clusters with replicas so that an acknowledged append
         * survives the failover of its node.
         */
        public Builder durability(DurabilityLevel value) {
            this.durability = Objects.requireNonNull(value, "durability");
            return this;
        }

        /** How many records one batch of parallel gets reads; default {@value #DEFAULT_PAGE_SIZE}. */
        public Builder pageSize(int value) {
            if (value < 1 || value > 10_000) {
                throw new ConfigurationException("The Couchbase page size must be between 1 and 10000, was " + value);
            }
            this.pageSize = value;
            return this;
        }

        /** Whether a missing named scope or collection is created; default true. */
        public Builder autoCreate(boolean value) {
            this.autoCreate = value;
            return this;
        }

        /**
         * How long a lock document outlives its lease before the server may expire it (garbage
         * collection only; correctness never depends on it); default zero, never. With a retention, a
         * key left unused that long loses its document and its fencing tokens start again at 1.
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
         */
        public Builder connectionString(String value) {
            this.connectionString = Secrets.maskUriPasswords(Objects.requireNonNull(value, "connectionString"));
            return this;
        }

        /** The clock of the lock service's "now"; default the system clock in UTC. */
        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        public CouchbaseAuditStore build() {
            StoreSettings settings = new StoreSettings(connectionString, bucket, scope, collection,
                    new DocumentKeys(keyPrefix), durability, pageSize, autoCreate, lockRetention);
            return new CouchbaseAuditStore(connection, settings, clock);
        }

        private static String requireName(String value, String what) {
            Objects.requireNonNull(value, what);
            if (value.isBlank()) {
                throw new ConfigurationException("The Couchbase " + what + " name must not be blank");
            }
            return value;
        }
    }
}
