package io.tidemark.adapter.couchbase;

import com.couchbase.client.core.msg.kv.DurabilityLevel;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What one {@link CouchbaseAuditStore} was configured with, checked by its builder (and, one problem
 * per key, by the provider through the {@code ...Problem} checks below).
 *
 * @param location      where the cluster is, for messages: the connection string, passwords masked
 * @param bucket        the bucket holding every document
 * @param scope         the scope inside the bucket
 * @param collection    the collection inside the scope
 * @param keyPrefix     the prefix of every document key
 * @param durability    synchronous durability of audit and lock writes ({@code NONE} by default; see
 *                      {@link CouchbaseAuditStore.Builder#durability})
 * @param pageSize      how many record keys one batch of parallel gets reads
 * @param autoCreate    whether a missing named scope or collection is created
 * @param lockRetention how long a lock document outlives its lease before the server may expire it
 *                      (zero: never)
 * @param fromConfiguration whether {@link CouchbaseAuditStoreProvider} built the store from
 *                      configuration, so that messages name its keys rather than builder calls (see
 *                      {@link #howToSet})
 */
record CouchbaseSettings(
        String location,
        String bucket,
        String scope,
        String collection,
        String keyPrefix,
        DurabilityLevel durability,
        int pageSize,
        boolean autoCreate,
        Duration lockRetention,
        boolean fromConfiguration) {

    private static final String BUILDER = "CouchbaseAuditStore.builder";

    /** The name of Couchbase's default scope and collection. */
    static final String DEFAULT = "_default";
    /** Default prefix of every document key. */
    static final String DEFAULT_KEY_PREFIX = "tidemark";
    /** Default number of record keys one batch of parallel gets reads. */
    static final int DEFAULT_PAGE_SIZE = 100;
    /** Largest page size: more parallel gets than this gain nothing and hold more memory. */
    static final int MAX_PAGE_SIZE = 10_000;

    private static final Pattern PREFIX = Pattern.compile("[A-Za-z0-9_.-]{1,50}");

    /** {@code scope.collection}, as Couchbase writes a keyspace inside a bucket. */
    String keyspace() {
        return scope + "." + collection;
    }

    boolean usesDefaultCollection() {
        return DEFAULT.equals(scope) && DEFAULT.equals(collection);
    }

    /** Names the store for people; never holds a secret. */
    String describe() {
        return "Couchbase " + location + ", bucket '" + bucket + "', collection '" + keyspace() + "', key prefix '"
                + keyPrefix + "'";
    }

    /**
     * How a message tells the reader to change a setting, in the terms that work where the store
     * came from: {@code configuration} (a key) for a store the provider built from configuration,
     * {@code code} (a builder call, or the cluster passed to the builder) for one built in code, whose
     * settings no key can change.
     */
    String howToSet(String configuration, String code) {
        return fromConfiguration ? configuration : code;
    }

    /** Where the bucket is chosen. */
    String bucketSetting() {
        return howToSet(CouchbaseAuditStoreProvider.BUCKET, "the bucket given to " + BUILDER);
    }

    /** Where the scope and collection are chosen. */
    String keyspaceSetting() {
        return howToSet(
                CouchbaseAuditStoreProvider.SCOPE + " and " + CouchbaseAuditStoreProvider.COLLECTION,
                "scope(...) and collection(...) on " + BUILDER);
    }

    /** How to write with durability {@code level}. */
    String durabilitySetting(DurabilityLevel level) {
        return howToSet(
                CouchbaseAuditStoreProvider.DURABILITY + "=" + level, "durability(" + level + ") on " + BUILDER);
    }

    /** How to turn auto-create on. */
    String autoCreateSetting() {
        return howToSet(CouchbaseAuditStoreProvider.AUTO_CREATE + "=true", "autoCreate(true) on " + BUILDER);
    }

    /** Where the user name and password come from. */
    String credentialsSetting() {
        return howToSet(
                CouchbaseAuditStoreProvider.USERNAME + " and " + CouchbaseAuditStoreProvider.PASSWORD,
                "the credentials of the Cluster given to " + BUILDER);
    }

    /**
     * What is wrong with {@code prefix} as a key prefix, if anything: it must keep the {@code ::}
     * separators of the document keys unambiguous.
     */
    static Optional<String> keyPrefixProblem(String prefix) {
        return PREFIX.matcher(prefix).matches()
                ? Optional.empty()
                : Optional.of(
                        "Invalid Couchbase key prefix '" + prefix + "': use 1 to 50 letters, digits, '.', '-' or '_'"
                                + " (default '" + DEFAULT_KEY_PREFIX + "')");
    }

    /** What is wrong with {@code name} as the name of a bucket, scope or collection ({@code what}), if anything. */
    static Optional<String> nameProblem(String what, String name) {
        return name.isBlank() ? Optional.of("The Couchbase " + what + " name must not be blank") : Optional.empty();
    }

    /** What is wrong with {@code size} as a page size, if anything. */
    static Optional<String> pageSizeProblem(long size) {
        return size < 1 || size > MAX_PAGE_SIZE
                ? Optional.of("The Couchbase page size must be between 1 and " + MAX_PAGE_SIZE + ", was " + size)
                : Optional.empty();
    }
}
