package io.tidemark.tck.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.tidemark.core.ConfigSource;
import io.tidemark.core.RunReport;
import io.tidemark.core.Tidemark;
import io.tidemark.core.TidemarkConfig;
import io.tidemark.core.error.ConfigurationException;
import io.tidemark.core.operator.OperatorApi;
import io.tidemark.tck.changes.ChangeTarget;
import io.tidemark.tck.changes.SampleChanges;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The builder without a store: the provider is found through ServiceLoader and chosen by name. */
class StoreFromConfigurationTest {

    @Test
    void aStoreNamedInConfigurationIsCreatedUsedAndClosed() {
        int closedBefore = InMemoryAuditStoreProvider.CLOSED.get();
        TidemarkConfig config = TidemarkConfig.of(ConfigSource.environment(Map.of("TIDEMARK_STORE", "memory")));

        RunReport report;
        try (Tidemark tidemark = Tidemark.builder()
                .configuration(config)
                .changeUnits(SampleChanges.CreateAccounts.class)
                .dependency(new ChangeTarget())
                .build()) {
            assertThat(tidemark.store().describe()).contains("from configuration");
            report = tidemark.run();
        }

        assertThat(report.applied()).hasSize(1);
        assertThat(InMemoryAuditStoreProvider.CLOSED.get()).isEqualTo(closedBefore + 1);
    }

    @Test
    void aStoreFromConfigurationTakesTimeFromTheBuildersClock() {
        io.tidemark.tck.MutableClock clock = io.tidemark.tck.MutableClock.atFixedStart();
        try (Tidemark tidemark = Tidemark.builder()
                .configuration(TidemarkConfig.of())
                .clock(clock)
                .changeUnits(SampleChanges.CreateAccounts.class)
                .dependency(new ChangeTarget())
                .build()) {
            var lease = tidemark.store()
                    .lockService()
                    .tryAcquire("k", "o", java.time.Duration.ofSeconds(5))
                    .orElseThrow();

            assertThat(lease.expiresAt()).isEqualTo(clock.instant().plusSeconds(5));
        }
    }

    @Test
    void theOnlyProviderOnTheClassPathIsUsedWithoutAName() {
        try (Tidemark tidemark = Tidemark.builder()
                .configuration(TidemarkConfig.of())
                .changeUnits(SampleChanges.CreateAccounts.class)
                .dependency(new ChangeTarget())
                .build()) {
            assertThat(tidemark.store().describe()).contains("from configuration");
        }
    }

    @Test
    void aStoreWhoseAdapterIsMissingNamesTheArtifactAndClosesNothing() {
        TidemarkConfig config = TidemarkConfig.of(ConfigSource.environment(Map.of("TIDEMARK_STORE", "couchbase")));

        ConfigurationException error = catchThrowableOfType(
                ConfigurationException.class,
                () -> Tidemark.builder()
                        .configuration(config)
                        .changeUnits(SampleChanges.CreateAccounts.class)
                        .build());

        assertThat(error)
                .hasMessageContaining("io.tidemark:tidemark-adapter-couchbase")
                .hasMessageContaining("On the class path now: memory");
    }

    @Test
    void aStoreCreatedForAnInvalidBuildIsClosed() {
        int closedBefore = InMemoryAuditStoreProvider.CLOSED.get();

        catchThrowableOfType(
                ConfigurationException.class,
                () -> Tidemark.builder()
                        .configuration(TidemarkConfig.of())
                        .changeUnits(String.class)
                        .build());

        assertThat(InMemoryAuditStoreProvider.CLOSED.get()).isEqualTo(closedBefore + 1);
    }

    @Test
    void anOperatorBuiltFromConfigurationOwnsItsStoreAndClosesIt() {
        int closedBefore = InMemoryAuditStoreProvider.CLOSED.get();
        TidemarkConfig config = TidemarkConfig.of(
                ConfigSource.environment(Map.of("TIDEMARK_STORE", "memory", "TIDEMARK_CHAIN", "orders")));

        try (OperatorApi operator = Tidemark.builder().configuration(config).buildOperator()) {
            assertThat(operator.chain()).isEqualTo("orders");
            assertThat(operator.store().describe()).contains("from configuration");
            assertThat(operator.issues()).isEmpty();
        }

        assertThat(InMemoryAuditStoreProvider.CLOSED.get()).isEqualTo(closedBefore + 1);
    }

    @Test
    void anOperatorWithAnInvalidInstanceIdFailsToBuildAndClosesTheStoreItCreated() {
        int closedBefore = InMemoryAuditStoreProvider.CLOSED.get();
        TidemarkConfig config = TidemarkConfig.of(
                ConfigSource.environment(Map.of("TIDEMARK_STORE", "memory", "TIDEMARK_INSTANCE_ID", "x".repeat(300))));

        ConfigurationException error = catchThrowableOfType(
                ConfigurationException.class,
                () -> Tidemark.builder().configuration(config).buildOperator());

        assertThat(error).hasMessageContaining("instance id").hasMessageContaining("at most 200");
        assertThat(InMemoryAuditStoreProvider.CLOSED.get()).isEqualTo(closedBefore + 1);
    }
}
