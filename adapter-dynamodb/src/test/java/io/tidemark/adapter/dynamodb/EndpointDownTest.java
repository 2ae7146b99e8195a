package io.tidemark.adapter.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.tidemark.adapter.dynamodb.testing.DynaliteServer;
import io.tidemark.adapter.dynamodb.testing.DynamoDbClientFactory;
import io.tidemark.core.ConfigSource;
import io.tidemark.core.TidemarkConfig;
import io.tidemark.core.error.StoreUnavailableException;
import io.tidemark.spi.AuditRecord;
import io.tidemark.spi.Lease;
import io.tidemark.tck.MutableClock;
import io.tidemark.tck.TestRecords;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * A DynamoDB endpoint where nothing listens (a closed loopback port): every operation fails fast
 * with a {@link StoreUnavailableException} naming the endpoint and the table, never an AWS
 * exception.
 */
class EndpointDownTest {

    private URI endpoint;
    private DynamoDbClient client;
    private DynamoDbAuditStore store;

    @BeforeEach
    void pointAtAClosedPort() {
        endpoint = URI.create("http://127.0.0.1:" + DynaliteServer.freePort());
        client = new DynamoDbClientFactory(endpoint, "eu-west-1").createFailingFast();
        store = DynamoDbAuditStore.builder(client)
                .clock(MutableClock.atFixedStart())
                .build();
    }

    @AfterEach
    void closeClient() {
        client.close();
    }

    private void assertUnavailable(ThrowingCallable call, String table) {
        StoreUnavailableException failure = catchThrowableOfType(StoreUnavailableException.class, call);
        assertThat(failure).as("expected StoreUnavailableException").isNotNull();
        assertThat(failure.getMessage()).contains(endpoint.toString(), "'" + table + "'", "eu-west-1");
        assertThat(failure.isTransient()).isTrue();
        assertThat(failure.getCause()).isInstanceOf(SdkException.class);
    }

    @Test
    void initializeNamesTheEndpointAndTable() {
        assertUnavailable(store::initialize, "tidemark_audit");
    }

    @Test
    void readsNameTheEndpointAndTheAuditTable() {
        assertUnavailable(() -> store.history().tip("orders"), "tidemark_audit");
        assertUnavailable(() -> store.history().readAll("orders").toList(), "tidemark_audit");
    }

    @Test
    void appendNamesTheEndpointAndTheAuditTable() {
        assertUnavailable(
                () -> store.append(TestRecords.applied("orders", 1, AuditRecord.GENESIS_HASH)), "tidemark_audit");
    }

    @Test
    void lockOperationsNameTheEndpointAndTheLockTable() {
        Lease lease = new Lease("orders", "me", Instant.EPOCH, 1);
        assertUnavailable(() -> store.lockService().tryAcquire("orders", "me", Duration.ofMinutes(1)), "tidemark_lock");
        assertUnavailable(() -> store.lockService().extend(lease, Duration.ofMinutes(1)), "tidemark_lock");
        assertUnavailable(() -> store.lockService().release(lease), "tidemark_lock");
        assertUnavailable(() -> store.lockService().inspect("orders"), "tidemark_lock");
    }

    @Test
    void aStoreFromConfigurationIsCreatedWithoutAConnectionAndFailsOnFirstUse() {
        TidemarkConfig config = TidemarkConfig.of(ConfigSource.of(
                "test",
                Map.of(
                        DynamoDbAuditStoreProvider.ENDPOINT,
                        endpoint.toString(),
                        DynamoDbAuditStoreProvider.REGION,
                        "eu-west-1")));

        try (DynamoDbAuditStore fromConfig = new DynamoDbAuditStoreProvider().create(config)) {
            assertThat(fromConfig.describe()).contains(endpoint.toString());
            StoreUnavailableException failure = catchThrowableOfType(
                    StoreUnavailableException.class, () -> fromConfig.history().tip("orders"));
            assertThat(failure.getMessage()).contains(endpoint.toString(), "'tidemark_audit'");
        }
    }
}
