package io.tidemark.adapter.dynamodb;

import io.tidemark.api.ChangeContext;
import io.tidemark.api.ChangeUnit;
import io.tidemark.api.Execution;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.waiters.DynamoDbWaiter;

/**
 * Transactional change units of the adapter's tests, writing to an orders table
 * ({@code orderId} S) through their {@link DynamoDbChangeTransaction}. Each order id starts with the
 * chain, so that tests sharing the table never see each other's orders.
 */
final class TransactionalChanges {

    private TransactionalChanges() {}

    /**
     * What the change units need, registered as their dependency.
     *
     * @param table             the orders table they write to
     * @param failAfterWriting  makes {@link ShipOrders} throw after adding its writes
     */
    record Orders(String table, AtomicBoolean failAfterWriting) {

        Orders(String table) {
            this(table, new AtomicBoolean());
        }

        /**
         * Creates the orders table when it is missing, and waits until it is ACTIVE, polling every
         * 200 ms (the SDK's default waiter would wait 20 s when its first look finds CREATING).
         */
        void createIfMissing(DynamoDbClient client) {
            try {
                client.describeTable(d -> d.tableName(table));
            } catch (ResourceNotFoundException missing) {
                client.createTable(r -> r.tableName(table)
                        .billingMode(BillingMode.PAY_PER_REQUEST)
                        .attributeDefinitions(AttributeDefinition.builder()
                                .attributeName("orderId")
                                .attributeType(ScalarAttributeType.S)
                                .build())
                        .keySchema(KeySchemaElement.builder()
                                .attributeName("orderId")
                                .keyType(KeyType.HASH)
                                .build()));
            }
            try (DynamoDbWaiter waiter = DynamoDbWaiter.builder()
                    .client(client)
                    .overrideConfiguration(o -> o.backoffStrategyV2(BackoffStrategy.fixedDelay(Duration.ofMillis(200)))
                            .waitTimeout(Duration.ofMinutes(2)))
                    .build()) {
                waiter.waitUntilTableExists(d -> d.tableName(table));
            }
        }

        /** The stored order {@code suffix} of {@code chain}, read consistently; empty when absent. */
        Map<String, AttributeValue> stored(DynamoDbClient client, String chain, String suffix) {
            return client.getItem(g -> g.tableName(table).consistentRead(true).key(key(chain + "#" + suffix)))
                    .item();
        }
    }

    static Map<String, AttributeValue> order(String id, String status) {
        return Map.of("orderId", AttributeValue.fromS(id), "status", AttributeValue.fromS(status));
    }

    static Map<String, AttributeValue> key(String id) {
        return Map.of("orderId", AttributeValue.fromS(id));
    }

    static String orderId(ChangeContext context, String suffix) {
        return context.chain() + "#" + suffix;
    }

    @ChangeUnit(id = "seed-orders", order = "1", author = "test")
    public static final class SeedOrders {
        @Execution
        public void apply(DynamoDbChangeTransaction transaction, ChangeContext context, Orders orders) {
            transaction.put(orders.table(), order(orderId(context, "1"), "NEW"));
            transaction.put(orders.table(), order(orderId(context, "2"), "NEW"));
            transaction.put(p -> p.tableName(orders.table()).item(order(orderId(context, "3"), "NEW")));
        }
    }

    @ChangeUnit(id = "ship-orders", order = "2", author = "test")
    public static final class ShipOrders {
        @Execution
        public void apply(DynamoDbChangeTransaction transaction, ChangeContext context, Orders orders) {
            transaction.update(u -> u.tableName(orders.table())
                    .key(key(orderId(context, "1")))
                    .updateExpression("SET #status = :shipped")
                    .expressionAttributeNames(Map.of("#status", "status"))
                    .expressionAttributeValues(Map.of(":shipped", AttributeValue.fromS("SHIPPED"))));
            transaction.delete(d -> d.tableName(orders.table()).key(key(orderId(context, "2"))));
            transaction.put(orders.table(), order(orderId(context, "4"), "NEW"));
            if (orders.failAfterWriting().get()) {
                throw new IllegalStateException("warehouse service said no");
            }
        }
    }

    @ChangeUnit(id = "insert-existing", order = "3", author = "test")
    public static final class InsertOnlyIfAbsent {
        @Execution
        public void apply(DynamoDbChangeTransaction transaction, ChangeContext context, Orders orders) {
            transaction.put(orders.table(), order(orderId(context, "5"), "NEW"));
            transaction.put(p -> p.tableName(orders.table())
                    .item(order(orderId(context, "1"), "DUPLICATE"))
                    .conditionExpression("attribute_not_exists(orderId)"));
        }
    }

    @ChangeUnit(id = "too-many-writes", order = "4", author = "test")
    public static final class TooManyWrites {
        @Execution
        public void apply(DynamoDbChangeTransaction transaction, ChangeContext context, Orders orders) {
            for (int i = 0; i <= DynamoDbChangeTransaction.MAX_WRITES; i++) {
                transaction.put(orders.table(), order(orderId(context, "bulk-" + i), "NEW"));
            }
        }
    }

    @ChangeUnit(id = "most-writes", order = "5", author = "test")
    public static final class MostWrites {
        @Execution
        public void apply(DynamoDbChangeTransaction transaction, ChangeContext context, Orders orders) {
            for (int i = 0; i < DynamoDbChangeTransaction.MAX_WRITES; i++) {
                transaction.put(orders.table(), order(orderId(context, "most-" + i), "NEW"));
            }
        }
    }
}
