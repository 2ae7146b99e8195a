package io.tidemark.adapter.couchbase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.couchbase.client.core.msg.kv.DurabilityLevel;
import com.couchbase.client.java.Cluster;
import com.couchbase.client.java.ClusterOptions;
import io.tidemark.adapter.couchbase.testing.CouchbaseFixture;
import io.tidemark.core.error.ConfigurationException;
import io.tidemark.spi.AppendResult;
import io.tidemark.spi.AuditRecord;
import io.tidemark.spi.AuditStore;
import io.tidemark.tck.BackendFixture;
import io.tidemark.tck.ContractSuites;
import io.tidemark.tck.MutableClock;
import io.tidemark.tck.TestRecords;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testcontainers.couchbase.BucketDefinition;
import org.testcontainers.couchbase.CouchbaseContainer;
import org.testcontainers.couchbase.CouchbaseService;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.utility.DockerImageName;

/**
 * Every TCK suite against a real Couchbase Server in Docker, on a named scope and collection
 * (created by the store) with synchronous durability {@code MAJORITY} (a single node with no
 * replicas satisfies it). Skipped where Docker is not available.
 */
@Testcontainers(disabledWithoutDocker = true)
class CouchbaseServerContractsTest extends ContractSuites {

    private static final String BUCKET = "tidemark";
    private static final String SCOPE = "audit";
    private static final String COLLECTION = "tidemark_log";

    @Container
    private static final CouchbaseContainer COUCHBASE = new CouchbaseContainer(
                    DockerImageName.parse("couchbase/server:7.6.2"))
            .withEnabledServices(CouchbaseService.KV)
            .withBucket(new BucketDefinition(BUCKET).withReplicas(0).withPrimaryIndex(false));

    private static Cluster cluster;
    private static CouchbaseFixture fixture;

    @BeforeAll
    static void connect() {
        cluster = Cluster.connect(
                COUCHBASE.getConnectionString(),
                ClusterOptions.clusterOptions(COUCHBASE.getUsername(), COUCHBASE.getPassword()));
        cluster.bucket(BUCKET).waitUntilReady(Duration.ofMinutes(1));
        try (AuditStore creator = builder(MutableClock.atFixedStart()).build()) {
            creator.initialize();
        }
        fixture = CouchbaseFixture.over(
                        cluster,
                        new CouchbaseFixture.Server(
                                COUCHBASE.getConnectionString(),
                                COUCHBASE.getUsername(),
                                COUCHBASE.getPassword(),
                                BUCKET,
                                SCOPE,
                                COLLECTION,
                                DurabilityLevel.MAJORITY),
                        "Couchbase Server 7.6.2 in a container")
                .withPageSize(25);
    }

    @AfterAll
    static void disconnect() {
        if (cluster != null) {
            cluster.disconnect();
        }
    }

    private static CouchbaseAuditStore.Builder builder(Clock clock) {
        return CouchbaseAuditStore.builder(cluster, BUCKET)
                .connectionString(COUCHBASE.getConnectionString())
                .scope(SCOPE)
                .collection(COLLECTION)
                .durability(DurabilityLevel.MAJORITY)
                .pageSize(25)
                .clock(clock);
    }

    private static String unique(String prefix) {
        return prefix + "_"
                + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
    }

    @Test
    void aMissingCollectionIsNamedWhenAutoCreateIsOff() {
        String collection = unique("absent");
        try (AuditStore store = builder(MutableClock.atFixedStart())
                .collection(collection)
                .autoCreate(false)
                .build()) {
            ConfigurationException error = catchThrowableOfType(ConfigurationException.class, store::initialize);

            assertThat(error)
                    .hasMessageContaining("Collection '" + SCOPE + "." + collection + "' does not exist")
                    .hasMessageContaining("autoCreate(true) on CouchbaseAuditStore.builder");
        }
    }

    @Test
    void aMissingScopeAndCollectionAreBothNamed() {
        String scope = unique("nowhere");
        try (AuditStore store = builder(MutableClock.atFixedStart())
                .scope(scope)
                .autoCreate(false)
                .build()) {
            ConfigurationException error = catchThrowableOfType(ConfigurationException.class, store::initialize);

            assertThat(error.problems()).hasSize(2);
            assertThat(error).hasMessageContaining("Scope '" + scope + "' does not exist");
        }
    }

    @Test
    void aPersistentBucketWithoutMaximumTimeToLiveIsReportedToKeepRecords() {
        try (AuditStore store = builder(MutableClock.atFixedStart()).build()) {
            assertThat(store.diagnose())
                    .filteredOn(d -> d.check().equals(CouchbaseSchema.RETENTION_CHECK))
                    .singleElement()
                    .satisfies(d -> assertThat(d.status()).isEqualTo(io.tidemark.spi.Diagnosis.Status.OK));
        }
    }

    @Test
    void aMissingCollectionIsCreatedWhenAReadFindsIt() {
        String collection = unique("fresh");
        String chain = unique("chain");
        try (AuditStore store =
                builder(MutableClock.atFixedStart()).collection(collection).build()) {
            assertThat(store.history().tip(chain)).isEmpty();
            AuditRecord first = TestRecords.applied(chain, 1, AuditRecord.GENESIS_HASH);
            assertThat(store.append(first)).isEqualTo(new AppendResult.Appended(1));
            assertThat(store.history().tip(chain)).contains(first);
        }
    }

    @Override
    protected BackendFixture fixture() {
        return fixture;
    }
}
