package io.tidemark.adapter.couchbase;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.adapter.couchbase.testing.CouchbaseMockServer;
import io.tidemark.spi.Diagnosis;
import io.tidemark.tck.MutableClock;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What {@code tidemark doctor} learns from Couchbase itself, without anything being created. */
class DiagnoseTest {

    private final CouchbaseMockServer server = CouchbaseMockServer.shared();

    @Test
    void theDefaultCollectionOfAnAnsweringBucketIsOk() {
        CouchbaseAuditStore store = CouchbaseAuditStore.builder(server.cluster(), server.bucket())
                .clock(MutableClock.atFixedStart())
                .build();

        List<Diagnosis> findings = store.diagnose();

        assertThat(findings).first().satisfies(d -> {
            assertThat(d.status()).isEqualTo(Diagnosis.Status.OK);
            assertThat(d.detail()).contains("bucket '" + server.bucket() + "' answers");
        });
    }

    @Test
    void bucketSettingsTheServerCannotTellAreAWarningSayingWhatToCheck() {
        CouchbaseAuditStore store = CouchbaseAuditStore.builder(server.cluster(), server.bucket())
                .clock(MutableClock.atFixedStart())
                .build();

        List<Diagnosis> findings = store.diagnose();

        assertThat(findings).hasSize(2).last().satisfies(d -> {
            assertThat(d.status())
                    .as("CouchbaseMock serves no bucket management")
                    .isEqualTo(Diagnosis.Status.WARNING);
            assertThat(d.check()).isEqualTo(CouchbaseSchema.RETENTION_CHECK);
            assertThat(d.fix()).contains("not ephemeral", "maximum time-to-live");
        });
    }

    @Test
    void aNamedCollectionTheClusterCannotHaveIsAProblemNotAnException() {
        CouchbaseAuditStore store = CouchbaseAuditStore.builder(server.cluster(), server.bucket())
                .scope("audit")
                .collection("tidemark_log")
                .autoCreate(false)
                .clock(MutableClock.atFixedStart())
                .build();

        List<Diagnosis> findings = store.diagnose();

        assertThat(findings).singleElement().satisfies(d -> {
            assertThat(d.status()).isEqualTo(Diagnosis.Status.PROBLEM);
            assertThat(d.detail()).contains("audit.tidemark_log", "does not support scopes and collections");
        });
    }
}
