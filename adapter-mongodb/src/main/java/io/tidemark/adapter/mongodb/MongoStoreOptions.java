package io.tidemark.adapter.mongodb;

import com.mongodb.ReadConcern;
import com.mongodb.ReadPreference;
import com.mongodb.WriteConcern;
import io.tidemark.core.error.ConfigurationException;
import java.time.Clock;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * How a {@link MongoAuditStore} uses its database: collection names, the consistency it asks for,
 * whether it creates what it needs, how many records it reads per request, and its clock.
 *
 * <p>The defaults give the guarantees the ports promise on a replica set: writes acknowledged by a
 * majority and journaled (an acknowledged append survives a failover), reads of majority-committed
 * data from the primary (a record whose append returned is visible to every instance's next read).
 * Weakening them is possible for development set-ups, at the price of those guarantees.
 *
 * @param auditCollection the collection holding audit records (default {@value #DEFAULT_AUDIT_COLLECTION})
 * @param lockCollection  the collection holding lock documents (default {@value #DEFAULT_LOCK_COLLECTION})
 * @param writeConcern    write concern of every write (default majority, journaled)
 * @param readConcern     read concern of every read (default majority)
 * @param readPreference  where reads go (default primary)
 * @param autoCreate      create missing collections and the unique index (default true); when false,
 *                        {@link MongoAuditStore#initialize()} only verifies them
 * @param pageSize        records fetched per request when reading a chain (default {@value #DEFAULT_PAGE_SIZE})
 * @param clock           the time lock expiries are computed and compared with (default system UTC)
 */
public record MongoStoreOptions(
        String auditCollection,
        String lockCollection,
        WriteConcern writeConcern,
        ReadConcern readConcern,
        ReadPreference readPreference,
        boolean autoCreate,
        int pageSize,
        Clock clock) {

    /** Default name of the audit collection. */
    public static final String DEFAULT_AUDIT_COLLECTION = "tidemarkAudit";
    /** Default name of the lock collection. */
    public static final String DEFAULT_LOCK_COLLECTION = "tidemarkLock";
    /** Default number of records read per request. */
    public static final int DEFAULT_PAGE_SIZE = 100;
    /** Largest page size accepted; pages are held in memory whole. */
    public static final int MAX_PAGE_SIZE = 10_000;

    /** The default write concern: acknowledged by a majority of the replica set and journaled. */
    public static final WriteConcern DEFAULT_WRITE_CONCERN = WriteConcern.MAJORITY.withJournal(true);

    private static final Pattern COLLECTION_NAME = Pattern.compile("[^$\\x00]{1,120}");

    public MongoStoreOptions {
        checkCollectionName("audit collection", auditCollection);
        checkCollectionName("lock collection", lockCollection);
        if (auditCollection.equals(lockCollection)) {
            throw new ConfigurationException("The audit and lock collections must differ, both are '"
                    + auditCollection + "': give the lock collection another name");
        }
        Objects.requireNonNull(writeConcern, "writeConcern");
        Objects.requireNonNull(readConcern, "readConcern");
        Objects.requireNonNull(readPreference, "readPreference");
        if (pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
            throw new ConfigurationException("The page size must be between 1 and " + MAX_PAGE_SIZE + ", was "
                    + pageSize);
        }
        Objects.requireNonNull(clock, "clock");
    }

    /** The defaults described on the components. */
    public static MongoStoreOptions defaults() {
        return builder().build();
    }

    /** A builder starting from the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from these options. */
    public Builder toBuilder() {
        return new Builder().auditCollection(auditCollection).lockCollection(lockCollection)
                .writeConcern(writeConcern).readConcern(readConcern).readPreference(readPreference)
                .autoCreate(autoCreate).pageSize(pageSize).clock(clock);
    }

    /** Rejects names MongoDB would refuse, before any request is made. */
    static void checkCollectionName(String what, String name) {
        Objects.requireNonNull(name, what);
        if (!COLLECTION_NAME.matcher(name).matches() || name.startsWith("system.") || name.startsWith(".")
                || name.endsWith(".")) {
            throw new ConfigurationException("The " + what + " name '" + name + "' is not a valid MongoDB "
                    + "collection name: use 1 to 120 characters without '$' or a leading or trailing '.', "
                    + "not starting with 'system.'");
        }
    }

    /** Builder of {@link MongoStoreOptions}; every setter is optional. */
    public static final class Builder {
        private String auditCollection = DEFAULT_AUDIT_COLLECTION;
        private String lockCollection = DEFAULT_LOCK_COLLECTION;
        private WriteConcern writeConcern = DEFAULT_WRITE_CONCERN;
        private ReadConcern readConcern = ReadConcern.MAJORITY;
        private ReadPreference readPreference = ReadPreference.primary();
        private boolean autoCreate = true;
        private int pageSize = DEFAULT_PAGE_SIZE;
        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        public Builder auditCollection(String value) { this.auditCollection = value; return this; }
        public Builder lockCollection(String value) { this.lockCollection = value; return this; }
        public Builder writeConcern(WriteConcern value) { this.writeConcern = value; return this; }
        public Builder readConcern(ReadConcern value) { this.readConcern = value; return this; }
        public Builder readPreference(ReadPreference value) { this.readPreference = value; return this; }
        public Builder autoCreate(boolean value) { this.autoCreate = value; return this; }
        public Builder pageSize(int value) { this.pageSize = value; return this; }
        public Builder clock(Clock value) { this.clock = value; return this; }

        /**
         * The options.
         *
         * @throws ConfigurationException when a collection name or the page size is invalid
         */
        public MongoStoreOptions build() {
            return new MongoStoreOptions(auditCollection, lockCollection, writeConcern, readConcern, readPreference,
                    autoCreate, pageSize, clock);
        }
    }
}
