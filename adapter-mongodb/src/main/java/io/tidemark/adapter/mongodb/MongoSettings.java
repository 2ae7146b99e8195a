package io.tidemark.adapter.mongodb;

import com.mongodb.ReadConcern;
import com.mongodb.ReadConcernLevel;
import com.mongodb.ReadPreference;
import com.mongodb.WriteConcern;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * How a {@link MongoAuditStore} uses its database, once checked: collection names, the
 * consistency it asks for, whether it creates what it needs, how many records it reads per
 * request, and its clock. Built by {@link MongoAuditStore.Builder}, which reports every problem of
 * the values at once; the checks live here so that the provider can name its keys in the same
 * sentences.
 *
 * <p><b>Consistency is not negotiable.</b> The ports promise that an acknowledged append survives
 * a failover and that a record whose append returned is seen by every instance's next read. On a
 * replica set only these give it: write concern {@code w: "majority"} with the journal (a
 * {@code wtimeout} may be added), read concern {@code majority} or {@code linearizable}, and reads
 * from the primary. Anything weaker is refused (see {@link #concernProblems}); on a standalone
 * server (development) majority simply means the one server, so nothing is lost by insisting.
 *
 * @param auditCollection the collection holding audit records
 * @param lockCollection  the collection holding lock documents
 * @param writeConcern    write concern of every write
 * @param readConcern     read concern of every read
 * @param readPreference  where reads go: the primary
 * @param autoCreate      create missing collections and the unique index; when false,
 *                        {@link MongoAuditStore#initialize()} only verifies them
 * @param pageSize        records fetched per request when reading a chain
 * @param clock           the time lock expiries are computed and compared with
 * @param fromConfiguration whether {@link MongoAuditStoreProvider} built the store from
 *                        configuration, so that messages name its keys rather than builder calls
 *                        (see {@link #howToSet})
 */
record MongoSettings(
        String auditCollection,
        String lockCollection,
        WriteConcern writeConcern,
        ReadConcern readConcern,
        ReadPreference readPreference,
        boolean autoCreate,
        int pageSize,
        Clock clock,
        boolean fromConfiguration) {

    private static final Pattern COLLECTION_NAME = Pattern.compile("[^$\\x00]{1,120}");
    private static final String DATABASE_FORBIDDEN = "/\\. \"$*<>:|?\0";

    MongoSettings {
        Objects.requireNonNull(auditCollection, "auditCollection");
        Objects.requireNonNull(lockCollection, "lockCollection");
        Objects.requireNonNull(writeConcern, "writeConcern");
        Objects.requireNonNull(readConcern, "readConcern");
        Objects.requireNonNull(readPreference, "readPreference");
        Objects.requireNonNull(clock, "clock");
    }

    /**
     * How a message tells the reader to change a setting, in the terms that work where the store
     * came from: {@code configuration} (a key, such as {@code tidemark.mongodb.auto-create=true})
     * for a store the provider built from configuration, {@code code} (a builder call) for one built
     * in code, whose settings no key can change.
     */
    String howToSet(String configuration, String code) {
        return fromConfiguration ? configuration : code;
    }

    /** What is wrong with {@code name} as a MongoDB database name, if anything. */
    static Optional<String> databaseNameProblem(String name) {
        if (name.isEmpty() || name.length() > 63 || name.chars().anyMatch(c -> DATABASE_FORBIDDEN.indexOf(c) >= 0)) {
            return Optional.of("The database name '" + name + "' is not valid in MongoDB: use 1 to 63 characters, "
                    + "none of them / \\ . space \" $ * < > : | ?");
        }
        return Optional.empty();
    }

    /** What is wrong with {@code name} as the {@code what} ("audit collection") name, if anything. */
    static Optional<String> collectionNameProblem(String what, String name) {
        if (!COLLECTION_NAME.matcher(name).matches()
                || name.startsWith("system.")
                || name.startsWith(".")
                || name.endsWith(".")) {
            return Optional.of("The " + what + " name '" + name + "' is not a valid MongoDB collection name: use "
                    + "1 to 120 characters without '$' or a leading or trailing '.', not starting with 'system.'");
        }
        return Optional.empty();
    }

    /** The problem of using one name for both collections, if they are the same. */
    static Optional<String> sameCollectionsProblem(String audit, String lock) {
        if (audit.equals(lock)) {
            return Optional.of("The audit and lock collections must differ, both are '" + audit
                    + "': give the lock collection another name");
        }
        return Optional.empty();
    }

    /** What is wrong with {@code pageSize}, if anything. */
    static Optional<String> pageSizeProblem(int pageSize) {
        if (pageSize < 1 || pageSize > MongoAuditStore.MAX_PAGE_SIZE) {
            return Optional.of(
                    "The page size must be between 1 and " + MongoAuditStore.MAX_PAGE_SIZE + ", was " + pageSize);
        }
        return Optional.empty();
    }

    /** What is wrong with {@code wait} as the time to wait for a server, if anything. */
    static Optional<String> connectTimeoutProblem(Duration wait) {
        if (wait.compareTo(MongoAuditStore.MIN_CONNECT_TIMEOUT) < 0
                || wait.compareTo(MongoAuditStore.MAX_CONNECT_TIMEOUT) > 0) {
            return Optional.of("The connect timeout must be from " + format(MongoAuditStore.MIN_CONNECT_TIMEOUT)
                    + " to " + format(MongoAuditStore.MAX_CONNECT_TIMEOUT) + ", was " + format(wait));
        }
        return Optional.empty();
    }

    /**
     * Every way in which these concerns fall short of what the ports promise; each sentence says
     * what it risks and what Tidemark needs. Empty for the defaults and anything as strong.
     */
    static List<String> concernProblems(WriteConcern write, ReadConcern read, ReadPreference preference) {
        List<String> problems = new ArrayList<>();
        Object w = write.getWObject();
        if (!"majority".equals(w)) {
            problems.add("The write concern " + (w == null ? "of the server's default (no w)" : "w: " + w) + " is "
                    + "not majority: an append acknowledged by fewer members can be lost in a failover, and with it "
                    + "the record that a change ran (it would run again) or the fence between two writers. Tidemark "
                    + "needs w: \"majority\".");
        }
        if (Boolean.FALSE.equals(write.getJournal())) {
            problems.add("The write concern journal: false lets an acknowledged append be lost when the servers "
                    + "restart. Tidemark needs the journal (journal: true, or leave it unset).");
        }
        ReadConcernLevel level = read.getLevel();
        if (level != ReadConcernLevel.MAJORITY && level != ReadConcernLevel.LINEARIZABLE) {
            problems.add("The read concern " + (level == null ? "of the server's default" : level.getValue()) + " "
                    + "can return records a failover later rolls back, so an instance could skip a change that in "
                    + "the end was never recorded. Tidemark needs majority (or linearizable).");
        }
        if (!ReadPreference.primary().equals(preference)) {
            problems.add("The read preference " + preference.getName() + " can read from a secondary that lags "
                    + "behind, so an instance could miss a record another one just appended and run its change "
                    + "again. Tidemark needs primary.");
        }
        return problems;
    }

    /** A duration as configuration accepts it: {@code 500ms}, {@code 10s}, {@code 2m}. */
    static String format(Duration duration) {
        long millis = duration.toMillis();
        if (millis % 60_000 == 0 && millis != 0) {
            return millis / 60_000 + "m";
        }
        if (millis % 1_000 == 0) {
            return millis / 1_000 + "s";
        }
        return millis + "ms";
    }
}
