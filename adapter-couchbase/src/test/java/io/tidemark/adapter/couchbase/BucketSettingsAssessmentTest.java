package io.tidemark.adapter.couchbase;

import static org.assertj.core.api.Assertions.assertThat;

import com.couchbase.client.core.msg.kv.DurabilityLevel;
import com.couchbase.client.java.manager.bucket.BucketSettings;
import com.couchbase.client.java.manager.bucket.BucketType;
import com.couchbase.client.java.manager.collection.CollectionSpec;
import io.tidemark.spi.Diagnosis;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * How bucket and collection settings that would expire or lose audit records are judged, and the
 * durability Tidemark writes with against the bucket's replicas. The
 * settings are the SDK's own value objects, as the bucket manager returns them; CouchbaseMock cannot
 * serve bucket management, so the path that reads them from a server is covered by
 * {@code DiagnoseTest} only for its failure (a warning) and by the Testcontainers suite on a real
 * server.
 */
class BucketSettingsAssessmentTest {

    private static List<Diagnosis> assess(BucketSettings bucket, Optional<Duration> collection) {
        return CouchbaseSchema.assessRetention("audit", "_default._default", bucket, collection);
    }

    @Test
    void aPersistentBucketWithoutMaximumTtlIsOk() {
        assertThat(assess(BucketSettings.create("audit").bucketType(BucketType.COUCHBASE), Optional.empty()))
                .singleElement().extracting(Diagnosis::status).isEqualTo(Diagnosis.Status.OK);
    }

    @Test
    void anEphemeralBucketIsAProblem() {
        assertThat(assess(BucketSettings.create("audit").bucketType(BucketType.EPHEMERAL), Optional.empty()))
                .singleElement().satisfies(d -> {
                    assertThat(d.status()).isEqualTo(Diagnosis.Status.PROBLEM);
                    assertThat(d.detail()).contains("ephemeral", "lost when its nodes restart");
                    assertThat(d.fix()).contains("persistent");
                });
    }

    @Test
    void aBucketMaximumTtlIsAProblemUnlessTheCollectionNeverExpires() {
        BucketSettings expiring = BucketSettings.create("audit").bucketType(BucketType.COUCHBASE)
                .maxExpiry(Duration.ofDays(30));

        assertThat(assess(expiring, Optional.of(CollectionSpec.SAME_EXPIRY_AS_BUCKET))).singleElement()
                .satisfies(d -> {
                    assertThat(d.status()).isEqualTo(Diagnosis.Status.PROBLEM);
                    assertThat(d.detail()).contains("maximum time-to-live of 2592000 s");
                    assertThat(d.fix()).contains("--max-ttl 0");
                });
        assertThat(assess(expiring, Optional.of(CollectionSpec.NEVER_EXPIRE))).singleElement()
                .extracting(Diagnosis::status).isEqualTo(Diagnosis.Status.OK);
    }

    @Test
    void aCollectionMaximumTtlIsAProblem() {
        assertThat(assess(BucketSettings.create("audit").bucketType(BucketType.COUCHBASE),
                Optional.of(Duration.ofHours(1)))).singleElement().satisfies(d -> {
                    assertThat(d.status()).isEqualTo(Diagnosis.Status.PROBLEM);
                    assertThat(d.detail()).contains("collection '_default._default'", "3600 s");
                });
    }

    @Test
    void durabilityNoneOnABucketWithReplicasIsAWarningSayingWhatItRisksAndWhatToSet() {
        assertThat(CouchbaseSchema.assessDurability("audit", 1, DurabilityLevel.NONE)).satisfies(d -> {
            assertThat(d.status()).isEqualTo(Diagnosis.Status.WARNING);
            assertThat(d.check()).isEqualTo(CouchbaseSchema.DURABILITY_CHECK);
            assertThat(d.detail()).contains("1 replica", "failover", "lose an acknowledged record");
            assertThat(d.fix()).contains("tidemark.couchbase.durability=MAJORITY");
        });
    }

    @Test
    void durabilityNoneWithoutReplicasAndMajorityWithReplicasAreOk() {
        assertThat(CouchbaseSchema.assessDurability("audit", 0, DurabilityLevel.NONE).status())
                .isEqualTo(Diagnosis.Status.OK);
        assertThat(CouchbaseSchema.assessDurability("audit", 2, DurabilityLevel.MAJORITY).status())
                .isEqualTo(Diagnosis.Status.OK);
    }
}
