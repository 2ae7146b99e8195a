package io.tidemark.adapter.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.tidemark.adapter.dynamodb.testing.DynaliteServer;
import io.tidemark.core.error.ConfigurationException;
import io.tidemark.core.error.StoreUnavailableException;
import io.tidemark.core.error.UnreadableRecordException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * {@link DynamoDbFailures} translates the SDK's exceptions and nothing else: a bug in Tidemark, or
 * a Tidemark exception raised on purpose inside a request, reaches the caller as itself, never as
 * "store unavailable, retry later". {@link DynamoDbRequests} applies it to every request.
 */
class DynamoDbFailuresTest {

    private static DynaliteServer dynamo;
    private static DynamoDbRequests requests;

    @BeforeAll
    static void startDynalite() {
        dynamo = DynaliteServer.start();
        requests = new DynamoDbRequests(
                dynamo.client(),
                DynamoDbSettings.checked(
                        "failures_",
                        DynamoDbAuditStore.DEFAULT_AUDIT_TABLE,
                        DynamoDbAuditStore.DEFAULT_LOCK_TABLE,
                        new DynamoDbSettings.OnDemand(),
                        true,
                        DynamoDbAuditStore.DEFAULT_PAGE_SIZE,
                        Duration.ofMinutes(1),
                        Optional.empty(),
                        false));
    }

    @AfterAll
    static void stopDynalite() {
        dynamo.close();
    }

    private final DynamoDbFailures failures = new DynamoDbFailures("endpoint http://127.0.0.1:1 (region eu-west-1)");

    @Test
    void aBugPassesThroughUnchanged() {
        NullPointerException npe = new NullPointerException("a bug");
        IllegalStateException illegal = new IllegalStateException("another bug");

        assertThat(failures.translate((RuntimeException) npe, "GetItem", "tidemark_lock"))
                .isSameAs(npe);
        assertThat(failures.translate((RuntimeException) illegal, "GetItem", "tidemark_lock"))
                .isSameAs(illegal);
    }

    @Test
    void aTidemarkExceptionRaisedInsideARequestPassesThroughUnchanged() {
        UnreadableRecordException unreadable =
                UnreadableRecordException.ofLock("orders", "expiresAt", "soon", "DynamoDB table 'tidemark_lock'");
        ConfigurationException configuration = new ConfigurationException("wrong");

        assertThat(failures.translate((RuntimeException) unreadable, "GetItem", "tidemark_lock"))
                .isSameAs(unreadable);
        assertThat(failures.translate((RuntimeException) configuration, "GetItem", "tidemark_lock"))
                .isSameAs(configuration);
    }

    @Test
    void anSdkExceptionIsTranslated() {
        SdkClientException refused = SdkClientException.create("Connection refused");

        RuntimeException translated = failures.translate((RuntimeException) refused, "GetItem", "tidemark_lock");

        assertThat(translated).isInstanceOf(StoreUnavailableException.class).hasCause(refused);
        assertThat(translated.getMessage()).contains("GetItem", "'tidemark_lock'", "http://127.0.0.1:1");
    }

    @Test
    void aBugInsideARealRequestReachesTheCallerAsItself() {
        NullPointerException npe = new NullPointerException("a bug after the request");

        Throwable thrown = catchThrowable(() -> requests.run(requests.schema().lock(), "GetItem (lock 'x')", client -> {
            client.listTables();
            throw npe;
        }));

        assertThat(thrown).isSameAs(npe);
    }

    @Test
    void aCodecFedABrokenItemInsideARequestRaisesItsOwnExceptionNotAnUnavailableStore() {
        Map<String, AttributeValue> broken = Map.of(
                DynamoDbRecordCodec.LOCK_KEY, AttributeValue.fromS("orders"),
                DynamoDbRecordCodec.OWNER, AttributeValue.fromS("someone"));

        Throwable thrown = catchThrowable(() -> requests.run(
                requests.schema().lock(),
                "GetItem (lock 'orders')",
                client -> DynamoDbRecordCodec.leaseOf("orders", broken, "DynamoDB table 'failures_tidemark_lock'")));

        assertThat(thrown).isInstanceOf(UnreadableRecordException.class).hasMessageContaining("expiresAt");
    }

    @Test
    void anSdkFailureOfARealRequestIsTranslatedOnce() {
        Throwable thrown = catchThrowable(() -> requests.run(
                requests.schema().audit(),
                "GetItem (seq 1 of chain 'c')",
                client -> client.getItem(
                        g -> g.tableName(requests.schema().audit().name())
                                .key(Map.of("wrong", AttributeValue.fromS("key"))))));

        assertThat(thrown)
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("GetItem (seq 1 of chain 'c')");
        assertThat(thrown.getCause()).isInstanceOf(software.amazon.awssdk.core.exception.SdkException.class);
    }
}
