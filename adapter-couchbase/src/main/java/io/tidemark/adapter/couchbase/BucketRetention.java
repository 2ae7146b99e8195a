package io.tidemark.adapter.couchbase;

import com.couchbase.client.java.manager.bucket.BucketSettings;
import com.couchbase.client.java.manager.bucket.BucketType;
import io.tidemark.spi.Diagnosis;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Whether the bucket and collection keep documents for good, as an append-only audit log needs: a
 * bucket or collection with a maximum time-to-live gives every document without an expiry of its
 * own that expiry, so audit records would disappear (and verification report them missing), and an
 * ephemeral or memcached bucket keeps documents in memory only, losing them when its nodes restart.
 */
final class BucketRetention {

    static final String CHECK = "record retention";

    private BucketRetention() {
    }

    /**
     * Findings for {@code bucketSettings} and the collection's own maximum time-to-live, when known
     * ({@code collectionMaxExpiry}: zero means "as the bucket", negative "never").
     */
    static List<Diagnosis> assess(String bucket, String keyspace, BucketSettings bucketSettings,
            Optional<Duration> collectionMaxExpiry) {
        BucketType type = bucketSettings.bucketType();
        if (type == BucketType.EPHEMERAL || type == BucketType.MEMCACHED) {
            return List.of(Diagnosis.problem(CHECK, "bucket '" + bucket + "' is a " + type.alias() + " bucket: it "
                    + "keeps documents in memory only, so the audit log would be lost when its nodes restart (and "
                    + "may be evicted under memory pressure)", "keep the audit log in a Couchbase (persistent) "
                    + "bucket: set tidemark.couchbase.bucket to one"));
        }
        Duration collectionTtl = collectionMaxExpiry.orElse(Duration.ZERO);
        if (collectionTtl.compareTo(Duration.ZERO) > 0) {
            return List.of(Diagnosis.problem(CHECK, "collection '" + keyspace + "' has a maximum time-to-live of "
                    + collectionTtl.toSeconds() + " s: every audit record and lock document would expire after that, "
                    + "and verification would report the records missing", "keep the audit log in a collection "
                    + "without a maximum time-to-live (a collection's is fixed when it is created): set "
                    + "tidemark.couchbase.scope and tidemark.couchbase.collection to one"));
        }
        Duration bucketTtl = bucketSettings.maxExpiry() == null ? Duration.ZERO : bucketSettings.maxExpiry();
        if (collectionTtl.isZero() && bucketTtl.compareTo(Duration.ZERO) > 0) {
            return List.of(Diagnosis.problem(CHECK, "bucket '" + bucket + "' has a maximum time-to-live of "
                    + bucketTtl.toSeconds() + " s, which collection '" + keyspace + "' inherits: every audit record "
                    + "and lock document would expire after that, and verification would report the records missing",
                    "set the bucket's maximum time-to-live to 0 (Couchbase console, bucket settings; or couchbase-cli "
                    + "bucket-edit --max-ttl 0), or keep the audit log in a collection created with its own "
                    + "maximum time-to-live set to never expire"));
        }
        return List.of(Diagnosis.ok(CHECK, "bucket '" + bucket + "' is a persistent Couchbase bucket and documents "
                + "in '" + keyspace + "' do not expire"));
    }

    /** The finding when the settings could not be read. */
    static Diagnosis unknown(String bucket, String keyspace, String reason) {
        return Diagnosis.warning(CHECK, "could not read the settings of bucket '" + bucket + "' (" + reason
                + "); the user may lack the role to read them, or the server does not offer bucket management",
                "check by hand that bucket '" + bucket + "' is a Couchbase (persistent) bucket, not ephemeral, and "
                + "that neither it nor collection '" + keyspace + "' has a maximum time-to-live: audit records "
                + "would expire");
    }
}
