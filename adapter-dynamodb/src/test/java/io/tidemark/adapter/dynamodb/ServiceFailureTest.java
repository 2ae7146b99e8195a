package io.tidemark.adapter.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.tidemark.adapter.dynamodb.testing.DynaliteServer;
import io.tidemark.adapter.dynamodb.testing.InjectedFailure;
import io.tidemark.core.error.ConfigurationException;
import io.tidemark.core.error.StoreUnavailableException;
import io.tidemark.core.error.TidemarkException;
import io.tidemark.spi.AuditRecord;
import io.tidemark.tck.MutableClock;
import io.tidemark.tck.TestRecords;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Error responses DynamoDB sends but an emulator cannot be made to send (throttling, internal
 * errors, refused credentials), injected into real responses of dynalite so that the SDK parses
 * them as in production. Each becomes the right Tidemark exception, naming endpoint and
 * table; no AWS exception escapes.
 */
class ServiceFailureTest {

    private static DynaliteServer server;

    @BeforeAll
    static void startServer() {
        server = DynaliteServer.start();
        DynamoDbAuditStore.builder(server.client()).build().initialize();
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    private static DynamoDbClient failingClient(int status, String errorType) {
        return server.clients()
                .create(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry())
                        .addExecutionInterceptor(new InjectedFailure(status, errorType)));
    }

    @ParameterizedTest
    @CsvSource({
        "400, ProvisionedThroughputExceededException",
        "400, RequestLimitExceeded",
        "400, ThrottlingException",
    })
    void throttlingIsATransientUnavailability(int status, String errorType) {
        try (DynamoDbClient client = failingClient(status, errorType)) {
            DynamoDbAuditStore store = DynamoDbAuditStore.builder(client)
                    .clock(MutableClock.atFixedStart())
                    .build();

            StoreUnavailableException onAppend = catchThrowableOfType(
                    StoreUnavailableException.class,
                    () -> store.append(TestRecords.applied("c", 1, AuditRecord.GENESIS_HASH)));
            StoreUnavailableException onLock = catchThrowableOfType(
                    StoreUnavailableException.class,
                    () -> store.lockService().tryAcquire("c", "me", Duration.ofMinutes(1)));

            assertThat(onAppend.getMessage())
                    .contains(
                            "throttled",
                            errorType,
                            "'tidemark_audit'",
                            server.endpoint().toString(),
                            "capacity");
            assertThat(onLock.getMessage())
                    .contains("throttled", "'tidemark_lock'", server.endpoint().toString());
            assertThat(onAppend.isTransient()).isTrue();
        }
    }

    @ParameterizedTest
    @CsvSource({
        "500, InternalServerError",
        "503, ServiceUnavailable",
    })
    void serverErrorsAreATransientUnavailability(int status, String errorType) {
        try (DynamoDbClient client = failingClient(status, errorType)) {
            DynamoDbAuditStore store = DynamoDbAuditStore.builder(client).build();

            StoreUnavailableException failure = catchThrowableOfType(
                    StoreUnavailableException.class, () -> store.history().tip("c"));

            assertThat(failure.getMessage())
                    .contains(errorType, "'tidemark_audit'", server.endpoint().toString());
        }
    }

    @ParameterizedTest
    @CsvSource({
        "400, UnrecognizedClientException",
        "400, AccessDeniedException",
    })
    void refusedCredentialsAreAConfigurationProblem(int status, String errorType) {
        try (DynamoDbClient client = failingClient(status, errorType)) {
            DynamoDbAuditStore store = DynamoDbAuditStore.builder(client).build();

            TidemarkException failure = catchThrowableOfType(
                    ConfigurationException.class, () -> store.lockService().inspect("c"));

            assertThat(failure.getMessage())
                    .contains(
                            "credentials",
                            errorType,
                            "'tidemark_lock'",
                            server.endpoint().toString());
            assertThat(failure.isTransient()).isFalse();
        }
    }
}
