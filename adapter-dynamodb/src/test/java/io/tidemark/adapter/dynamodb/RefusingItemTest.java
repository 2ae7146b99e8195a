package io.tidemark.adapter.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.tidemark.adapter.dynamodb.testing.AuditItems;
import io.tidemark.adapter.dynamodb.testing.DynamoDbFixture;
import io.tidemark.adapter.dynamodb.testing.RequestLog;
import io.tidemark.core.error.UnreadableRecordException;
import io.tidemark.spi.LockService;
import io.tidemark.tck.MutableClock;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Amazon DynamoDB returns the item that refused a conditional write when asked
 * ({@code ReturnValuesOnConditionCheckFailure=ALL_OLD}); dynalite does not. Here dynalite's real
 * refusal gets the item added to its body, as DynamoDB writes it, so that the SDK parses it as in
 * production: the lock service then tells a held lock from an unreadable one in that one request,
 * without reading the item again.
 */
class RefusingItemTest {

    private static final Duration LEASE = Duration.ofSeconds(30);
    private static final String NAMESPACE = "refusing-item";

    private static DynamoDbFixture dynamo;
    private final RequestLog requests = new RequestLog();
    private String key;

    @BeforeAll
    static void startDynalite() {
        dynamo = DynamoDbFixture.startDynalite();
        dynamo.openStore(NAMESPACE, MutableClock.atFixedStart()).initialize();
    }

    @AfterAll
    static void stopDynalite() {
        dynamo.close();
    }

    @BeforeEach
    void freshKey() {
        key = "lock-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
    }

    private void store(String owner, AttributeValue expiresAt) {
        Map<String, AttributeValue> item = new LinkedHashMap<>(AuditItems.lockKey(key));
        item.put(AuditItems.OWNER, AttributeValue.fromS(owner));
        item.put(AuditItems.EXPIRES_AT, expiresAt);
        item.put(AuditItems.TOKEN, AttributeValue.fromN("7"));
        dynamo.client()
                .putItem(p -> p.tableName(DynamoDbFixture.lockTable(NAMESPACE)).item(item));
    }

    private static String itemJson(String key, String owner, String expiresAtJson) {
        return "{\"lockKey\":{\"S\":\"" + key + "\"},\"owner\":{\"S\":\"" + owner + "\"},\"expiresAt\":" + expiresAtJson
                + ",\"token\":{\"N\":\"7\"}}";
    }

    private Optional<?> acquireWithItemReturned(String itemJson) {
        try (DynamoDbClient client = dynamo.clients()
                .create(o -> o.addExecutionInterceptor(new ReturnsRefusingItem(itemJson))
                        .addExecutionInterceptor(requests))) {
            LockService locks = DynamoDbAuditStore.builder(client)
                    .tablePrefix(DynamoDbFixture.tablePrefix(NAMESPACE))
                    .clock(MutableClock.atFixedStart())
                    .build()
                    .lockService();
            return locks.tryAcquire(key, "me", LEASE);
        }
    }

    @Test
    void aLockHeldBySomeoneElseIsRefusedInOneRequest() {
        store("someone", AttributeValue.fromN("4102444800000"));

        Optional<?> lease = acquireWithItemReturned(itemJson(key, "someone", "{\"N\":\"4102444800000\"}"));

        assertThat(lease).isEmpty();
        assertThat(requests.operations()).containsExactly("UpdateItem");
    }

    @Test
    void anUnreadableLockIsReportedFromTheReturnedItemInOneRequest() {
        store("someone", AttributeValue.fromS("next week"));

        UnreadableRecordException unreadable = catchThrowableOfType(
                UnreadableRecordException.class,
                () -> acquireWithItemReturned(itemJson(key, "someone", "{\"S\":\"next week\"}")));

        assertThat(unreadable.lockKey()).contains(key);
        assertThat(unreadable.field()).isEqualTo("expiresAt");
        assertThat(unreadable.value()).isEqualTo("next week");
        assertThat(requests.operations()).containsExactly("UpdateItem");
    }

    /** Adds {@code "Item"} to the body of every refused {@code UpdateItem}, as DynamoDB does with ALL_OLD. */
    private record ReturnsRefusingItem(String itemJson) implements ExecutionInterceptor {

        @Override
        public SdkHttpResponse modifyHttpResponse(Context.ModifyHttpResponse context, ExecutionAttributes attributes) {
            return context.httpResponse().toBuilder()
                    .removeHeader("x-amz-crc32")
                    .build();
        }

        @Override
        public Optional<InputStream> modifyHttpResponseContent(
                Context.ModifyHttpResponse context, ExecutionAttributes attributes) {
            Optional<InputStream> body = context.responseBody();
            if (body.isEmpty() || !"UpdateItem".equals(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME))) {
                return body;
            }
            String text;
            try (InputStream in = body.get()) {
                text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            if (text.contains("ConditionalCheckFailedException")) {
                text = text.substring(0, text.lastIndexOf('}')) + ",\"Item\":" + itemJson + "}";
            }
            return Optional.of(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
        }
    }
}
