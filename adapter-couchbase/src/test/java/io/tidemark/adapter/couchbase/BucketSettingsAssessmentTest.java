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

    /** Settings of a store on bucket {@code audit}, built in code or (by the provider) from configuration. */
    private static CouchbaseSettings settings(DurabilityLevel durability, boolean fromConfiguration) {
        return new CouchbaseSettings(
                "couchbase://db",
                "audit",
                CouchbaseSettings.DEFAULT,
                CouchbaseSettings.DEFAULT,
                CouchbaseSettings.DEFAULT_KEY_PREFIX,
                durability,
                100,
                true,
                Duration.ZERO,
                fromConfiguration);
    }

    private static List<Diagnosis> assess(BucketSettings bucket, Optional<Duration> collection) {
        return CouchbaseSchema.assessRetention(settings(DurabilityLevel.NONE, true), bucket, collection);
    }

    @Test
    void aPersistentBucketWithoutMaximumTtlIsOk() {
        assertThat(assess(BucketSettings.create("audit").bucketType(BucketType.COUCHBASE), Optional.empty()))
                .singleElement()
                .extracting(Diagnosis::status)
                .isEqualTo(Diagnosis.Status.OK);
    }

    @Test
    void anEphemeralBucketIsAProblem() {
        assertThat(assess(BucketSettings.create("audit").bucketType(BucketType.EPHEMERAL), Optional.empty()))
                .singleElement()
                .satisfies(d -> {
                    assertThat(d.status()).isEqualTo(Diagnosis.Status.PROBLEM);
                    assertThat(d.detail()).contains("ephemeral", "lost when its nodes restart");
                    assertThat(d.fix()).contains("persistent");
                });
    }

    @Test
    void aBucketMaximumTtlIsAProblemUnlessTheCollectionNeverExpires() {
        BucketSettings expiring =
                BucketSettings.create("audit").bucketType(BucketType.COUCHBASE).maxExpiry(Duration.ofDays(30));

        assertThat(assess(expiring, Optional.of(CollectionSpec.SAME_EXPIRY_AS_BUCKET)))
                .singleElement()
                .satisfies(d -> {
                    assertThat(d.status()).isEqualTo(Diagnosis.Status.PROBLEM);
                    assertThat(d.detail()).contains("maximum time-to-live of 2592000 s");
                    assertThat(d.fix()).contains("--max-ttl 0");
                });
        assertThat(assess(expiring, Optional.of(CollectionSpec.NEVER_EXPIRE)))
                .singleElement()
                .extracting(Diagnosis::status)
                .isEqualTo(Diagnosis.Status.OK);
    }

    @Test
    void aCollectionMaximumTtlIsAProblem() {
        assertThat(assess(
                        BucketSettings.create("audit").bucketType(BucketType.COUCHBASE),
                        Optional.of(Duration.ofHours(1))))
                .singleElement()
                .satisfies(d -> {
                    assertThat(d.status()).isEqualTo(Diagnosis.Status.PROBLEM);
                    assertThat(d.detail()).contains("collection '_default._default'", "3600 s");
                });
    }

    @Test
    void durabilityNoneOnABucketWithReplicasIsAWarningSayingWhatItRisksAndWhatToSet() {
        assertThat(CouchbaseSchema.assessDurability(settings(DurabilityLevel.NONE, true), 1))
                .satisfies(d -> {
                    assertThat(d.status()).isEqualTo(Diagnosis.Status.WARNING);
                    assertThat(d.check()).isEqualTo(CouchbaseSchema.DURABILITY_CHECK);
                    assertThat(d.detail()).contains("1 replica", "failover", "lose an acknowledged record");
                    assertThat(d.fix()).isEqualTo("set tidemark.couchbase.durability=MAJORITY");
                });
    }

    @Test
    void aStoreBuiltInCodeIsToldTheBuilderCallInsteadOfTheKey() {
        assertThat(CouchbaseSchema.assessDurability(settings(DurabilityLevel.NONE, false), 1)
                        .fix())
                .isEqualTo("set durability(MAJORITY) on CouchbaseAuditStore.builder");
        assertThat(CouchbaseSchema.assessRetention(
                        settings(DurabilityLevel.NONE, false),
                        BucketSettings.create("audit").bucketType(BucketType.EPHEMERAL),
                        Optional.empty()))
                .singleElement()
                .satisfies(d -> assertThat(d.fix())
                        .contains("the bucket given to " + "CouchbaseAuditStore.builder")
                        .doesNotContain("tidemark.couchbase"));
        assertThat(CouchbaseSchema.retentionUnknown(settings(DurabilityLevel.NONE, false), "timeout")
                        .fix())
                .contains("durability(MAJORITY) on CouchbaseAuditStore.builder");
    }

    @Test
    void durabilityNoneWithoutReplicasAndMajorityWithReplicasAreOk() {
        assertThat(CouchbaseSchema.assessDurability(settings(DurabilityLevel.NONE, true), 0)
                        .status())
                .isEqualTo(Diagnosis.Status.OK);
        assertThat(CouchbaseSchema.assessDurability(settings(DurabilityLevel.MAJORITY, true), 2)
                        .status())
                .isEqualTo(Diagnosis.Status.OK);
    }
}
