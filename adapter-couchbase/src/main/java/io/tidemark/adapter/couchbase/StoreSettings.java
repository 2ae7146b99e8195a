package io.tidemark.adapter.couchbase;

import com.couchbase.client.core.msg.kv.DurabilityLevel;
import java.time.Duration;

/**
 * What one {@link CouchbaseAuditStore} was configured with, checked by its builder.
 *
 * @param location       where the cluster is, for messages: the connection string without credentials
 * @param bucket         the bucket holding every document
 * @param scope          the scope inside the bucket
 * @param collection     the collection inside the scope
 * @param keys           the document keys under the configured prefix
 * @param durability     durability of audit and lock writes ({@code NONE} by default)
 * @param pageSize       how many records one batch of parallel gets reads
 * @param autoCreate     whether a missing named scope or collection is created
 * @param lockRetention  how long a lock document outlives its lease before the server may expire it
 */
record StoreSettings(String location, String bucket, String scope, String collection, DocumentKeys keys,
        DurabilityLevel durability, int pageSize, boolean autoCreate, Duration lockRetention) {

    /** The name of Couchbase's default scope and collection. */
    static final String DEFAULT = "_default";

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
                + keys.prefix() + "'";
    }
}
