package io.tidemark.spring.boot.autoconfigure;

import static io.tidemark.spring.boot.autoconfigure.MongoBoot.BASIC;
import static io.tidemark.spring.boot.autoconfigure.MongoBoot.runner;
import static org.assertj.core.api.Assertions.assertThat;

import com.couchbase.client.java.Cluster;
import com.couchbase.client.java.ClusterOptions;
import io.tidemark.adapter.couchbase.CouchbaseAuditStore;
import io.tidemark.adapter.couchbase.CouchbaseAuditStoreProvider;
import io.tidemark.adapter.couchbase.testing.CouchbaseFixture;
import io.tidemark.adapter.couchbase.testing.CouchbaseRequestCounter;
import io.tidemark.core.ChangeResult;
import io.tidemark.core.Tidemark;
import io.tidemark.core.error.ConfigurationException;
import io.tidemark.spi.AuditRecord;
import io.tidemark.spi.AuditStore;
import io.tidemark.spring.boot.autoconfigure.fixtures.ChangeJournal;
import io.tidemark.tck.RequestCounts;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * The auto-configuration on CouchbaseMock (the Couchbase adapter's {@link CouchbaseFixture}): through the
 * application's {@link Cluster} bean, from the {@code tidemark.couchbase.*} properties, and switched off.
 * Each test keeps its documents under a key prefix of its own.
 */
class TidemarkAutoConfigurationCouchbaseTest {

    private static final AtomicInteger NAMESPACES = new AtomicInteger();
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(30);

    private static CouchbaseFixture couchbase;

    @BeforeAll
    static void startCouchbaseMock() {
        couchbase = CouchbaseFixture.startMock();
    }

    @AfterAll
    static void stopCouchbaseMock() {
        couchbase.close();
    }

    private static String freshNamespace() {
        return "boot" + NAMESPACES.incrementAndGet();
    }

    /** The application's own Cluster bean, connected to the mock, counting by kind the requests it sends. */
    @Configuration(proxyBeanMethods = false)
    static class ClusterBean {
        @Bean
        CouchbaseRequestCounter requestCounter(Environment environment) {
            return new CouchbaseRequestCounter(environment.getProperty(
                    CouchbaseAuditStoreProvider.KEY_PREFIX, CouchbaseAuditStore.Builder.DEFAULT_KEY_PREFIX));
        }

        @Bean(destroyMethod = "disconnect")
        Cluster couchbaseCluster(CouchbaseRequestCounter counter) {
            CouchbaseFixture.Server server = couchbase.server();
            Cluster cluster = Cluster.connect(
                    server.connectionString(),
                    ClusterOptions.clusterOptions(server.username(), server.password())
                            .environment(environment -> environment.requestTracer(counter)));
            cluster.bucket(server.bucket()).waitUntilReady(READY_TIMEOUT);
            return cluster;
        }
    }

    /** The records of the default chain under {@code namespace}, read through a store of the fixture's own. */
    private static List<String> records(String namespace) {
        AuditStore store = couchbase.openStore(namespace, Clock.systemUTC());
        try (Stream<AuditRecord> records = store.history().readFrom("default", 1)) {
            return records.map(record -> record.changeId() + ":" + record.state())
                    .toList();
        }
    }

    private static String bucketAndPrefix(String namespace) {
        return "tidemark.couchbase.bucket=" + couchbase.server().bucket() + ",tidemark.couchbase.key-prefix="
                + CouchbaseFixture.keyPrefix(namespace);
    }

    @Test
    void theApplicationsClusterIsReusedAndTheChangeUnitsRunAtStartup() {
        String namespace = freshNamespace();
        runner().withUserConfiguration(ClusterBean.class)
                .withPropertyValues(BASIC, "tidemark.run-mode=initializing-bean")
                .withPropertyValues(bucketAndPrefix(namespace).split(","))
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context.getBean(ChangeJournal.class).entries())
                            .containsExactly("create-greetings:bonjour", "add-farewells:hello");
                    RequestCounts sent =
                            context.getBean(CouchbaseRequestCounter.class).counts();
                    assertThat(sent.auditWrites())
                            .as("records written through the bean")
                            .isPositive();
                    assertThat(sent.lockRequests())
                            .as("the lock taken through the bean")
                            .isPositive();
                    assertThat(sent.otherRequests())
                            .as("requests outside the store's key prefix")
                            .isZero();
                    assertThat(context.getBean(Tidemark.class).store().describe())
                            .contains(couchbase.server().bucket());
                    assertThat(context.getBean(Tidemark.class).plan().upToDate())
                            .isTrue();
                });
        assertThat(records(namespace)).contains("create-greetings:APPLIED", "add-farewells:APPLIED");
    }

    @Test
    void aSecondStartOnTheClusterBeanAppliesNothing() {
        String namespace = freshNamespace();
        String[] properties = bucketAndPrefix(namespace).split(",");
        runner().withUserConfiguration(ClusterBean.class)
                .withPropertyValues(BASIC, "tidemark.run-mode=deferred")
                .withPropertyValues(properties)
                .run(context -> {
                    List<ChangeResult> applied =
                            context.getBean(Tidemark.class).run().applied();
                    assertThat(applied)
                            .extracting(ChangeResult::changeId)
                            .containsExactly("create-greetings", "add-farewells");
                });
        runner().withUserConfiguration(ClusterBean.class)
                .withPropertyValues(BASIC, "tidemark.run-mode=deferred")
                .withPropertyValues(properties)
                .run(context -> {
                    assertThat(context.getBean(Tidemark.class).run().applied()).isEmpty();
                    assertThat(context.getBean(ChangeJournal.class).entries()).isEmpty();
                });
        assertThat(records(namespace))
                .filteredOn(record -> record.endsWith(":APPLIED"))
                .hasSize(2);
    }

    @Test
    void credentialsAndTimeoutsThatCannotApplyToTheClusterBeanFailStartupNamingEach() {
        runner().withUserConfiguration(ClusterBean.class)
                .withPropertyValues(
                        BASIC,
                        "tidemark.couchbase.bucket=" + couchbase.server().bucket(),
                        "tidemark.couchbase.password=s3cret",
                        "tidemark.couchbase.timeout=5s")
                .run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(TidemarkAutoConfigurationMongoTest.findCause(
                                    context.getStartupFailure(), ConfigurationException.class))
                            .hasMessageStartingWith(
                                    "tidemark.couchbase.password, tidemark.couchbase.timeout are set, but "
                                            + "Tidemark uses the application's com.couchbase.client.java.Cluster bean")
                            .hasMessageContaining("spring.couchbase.env.timeouts.*")
                            .hasMessageContaining("or set tidemark.couchbase.connection-string")
                            .hasMessageNotContaining("s3cret");
                });
    }

    @Test
    void withTheClusterBeanButNoBucketStartupFailsNamingTheKey() {
        runner().withUserConfiguration(ClusterBean.class)
                .withPropertyValues(BASIC)
                .run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(TidemarkAutoConfigurationMongoTest.findCause(
                                    context.getStartupFailure(), ConfigurationException.class))
                            .hasMessageContaining("tidemark.couchbase.bucket")
                            .hasMessageContaining("Cluster bean");
                });
    }

    @Test
    void disabledCreatesNoBeanAndTouchesNoDocumentThroughTheCluster() {
        String namespace = freshNamespace();
        runner().withUserConfiguration(ClusterBean.class)
                .withPropertyValues(BASIC, "tidemark.enabled=false")
                .withPropertyValues(bucketAndPrefix(namespace).split(","))
                .run(context -> {
                    assertThat(context).hasNotFailed().doesNotHaveBean(Tidemark.class);
                    assertThat(context.getBean(ChangeJournal.class).entries()).isEmpty();
                    assertThat(context.getBean(CouchbaseRequestCounter.class)
                                    .counts()
                                    .requests())
                            .isZero();
                });
        assertThat(records(namespace)).isEmpty();
    }

    @Test
    void withoutAClusterBeanTheStoreIsBuiltFromTheProperties() {
        String namespace = freshNamespace();
        Map<String, String> keys = couchbase.configuration(namespace);
        String[] properties = keys.entrySet().stream()
                .map(key -> key.getKey() + "=" + key.getValue())
                .toArray(String[]::new);
        runner().withPropertyValues(BASIC, "tidemark.run-mode=initializing-bean")
                .withPropertyValues(properties)
                .run(context -> {
                    assertThat(context).hasNotFailed().doesNotHaveBean(Cluster.class);
                    assertThat(context.getBean(ChangeJournal.class).entries())
                            .containsExactly("create-greetings:bonjour", "add-farewells:hello");
                });
        assertThat(records(namespace)).contains("create-greetings:APPLIED", "add-farewells:APPLIED");
    }
}
