package io.tidemark.it.backend;

import io.tidemark.adapter.dynamodb.DynamoDbAuditStoreProvider;
import io.tidemark.adapter.dynamodb.testing.DynamoDbClientFactory;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.waiters.DynamoDbWaiter;

/**
 * Counters as items {@code {name: S, value: N}} of table {@code <prefix>it_counters}, changed with
 * {@code UpdateItem ADD} (atomic on the server). The table is created on first use; several
 * processes creating it at once is fine.
 */
final class DynamoDbCounters implements Counters {

    private final DynamoDbClient client;
    private final String table;
    private final boolean ownsClient;

    private DynamoDbCounters(DynamoDbClient client, String tablePrefix, boolean ownsClient) {
        this.client = client;
        this.table = tablePrefix + "it_counters";
        this.ownsClient = ownsClient;
        ensureTable();
    }

    /** Under the table prefix {@code configuration} names, with a client of their own. */
    static DynamoDbCounters connect(Map<String, String> configuration) {
        DynamoDbClient client = new DynamoDbClientFactory(
                        URI.create(configuration.get(DynamoDbAuditStoreProvider.ENDPOINT)),
                        configuration.get(DynamoDbAuditStoreProvider.REGION))
                .create();
        return new DynamoDbCounters(
                client, configuration.getOrDefault(DynamoDbAuditStoreProvider.TABLE_PREFIX, ""), true);
    }

    /** Under the table prefix {@code configuration} names, over {@code client}, which stays open. */
    static DynamoDbCounters over(DynamoDbClient client, Map<String, String> configuration) {
        return new DynamoDbCounters(
                client, configuration.getOrDefault(DynamoDbAuditStoreProvider.TABLE_PREFIX, ""), false);
    }

    private void ensureTable() {
        try {
            client.describeTable(d -> d.tableName(table));
        } catch (ResourceNotFoundException missing) {
            try {
                client.createTable(c -> c.tableName(table)
                        .billingMode(BillingMode.PAY_PER_REQUEST)
                        .keySchema(k -> k.attributeName("name").keyType(KeyType.HASH))
                        .attributeDefinitions(a -> a.attributeName("name").attributeType(ScalarAttributeType.S)));
            } catch (ResourceInUseException createdMeanwhile) {
                // Another process created it first.
            }
        }
        // Polls every 200 ms: the SDK's default waiter waits 20 s when its first look finds the table
        // CREATING, which dynalite reports for a moment even with --createTableMs 0.
        try (DynamoDbWaiter waiter = DynamoDbWaiter.builder()
                .client(client)
                .overrideConfiguration(o -> o.backoffStrategyV2(BackoffStrategy.fixedDelay(Duration.ofMillis(200)))
                        .waitTimeout(Duration.ofMinutes(2)))
                .build()) {
            waiter.waitUntilTableExists(d -> d.tableName(table));
        }
    }

    @Override
    public void add(String name, long delta) {
        client.updateItem(u -> u.tableName(table)
                .key(Map.of("name", AttributeValue.fromS(name)))
                .updateExpression("ADD #value :delta")
                .expressionAttributeNames(Map.of("#value", "value"))
                .expressionAttributeValues(Map.of(":delta", AttributeValue.fromN(Long.toString(delta)))));
    }

    @Override
    public long get(String name) {
        Map<String, AttributeValue> item = client.getItem(
                        g -> g.tableName(table).consistentRead(true).key(Map.of("name", AttributeValue.fromS(name))))
                .item();
        return item == null || !item.containsKey("value")
                ? 0
                : Long.parseLong(item.get("value").n());
    }

    @Override
    public void close() {
        if (ownsClient) {
            client.close();
        }
    }
}
