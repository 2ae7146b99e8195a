package io.tidemark.examples.quickstart.changes.dynamodb;

import io.tidemark.api.ChangeContext;
import io.tidemark.api.ChangeUnit;
import io.tidemark.api.Execution;
import java.time.Duration;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.waiters.DynamoDbWaiter;

/**
 * Creates the {@code orders} table the application stores its orders in (key {@code orderId},
 * billed on demand) with its global secondary index {@code byCustomer} (customerId, placedAt), and
 * waits until it is active. A table that already exists (created by hand, or by another chain
 * sharing this DynamoDB) is accepted as it is, so the change is safe to run again.
 *
 * <p>The index is declared with the table rather than added by a later change through
 * {@code UpdateTable}, as AWS would allow: dynalite 4.0.0, the open-source DynamoDB the quickstart
 * runs on, accepts such a request but creates no index. Declared at creation, it works everywhere.
 */
@ChangeUnit(
        id = "create-orders-table",
        order = "1",
        author = "quickstart",
        description = "orders table keyed by orderId, billed on demand, with index byCustomer")
public class CreateOrdersTable {

    @Execution
    public void createTable(DynamoDbClient dynamoDb, ChangeContext context) {
        try {
            dynamoDb.createTable(table -> table.tableName(Orders.TABLE)
                    .billingMode(BillingMode.PAY_PER_REQUEST)
                    .attributeDefinitions(
                            attribute(Orders.ORDER_ID), attribute(Orders.CUSTOMER_ID), attribute(Orders.PLACED_AT))
                    .keySchema(key(Orders.ORDER_ID, KeyType.HASH))
                    .globalSecondaryIndexes(GlobalSecondaryIndex.builder()
                            .indexName(Orders.BY_CUSTOMER_INDEX)
                            .keySchema(key(Orders.CUSTOMER_ID, KeyType.HASH), key(Orders.PLACED_AT, KeyType.RANGE))
                            .projection(projection -> projection.projectionType(ProjectionType.ALL))
                            .build()));
            context.putMetadata("table", Orders.TABLE);
        } catch (ResourceInUseException exists) {
            context.putMetadata("table", Orders.TABLE + " (existed already)");
        }
        context.putMetadata("index", Orders.BY_CUSTOMER_INDEX);
        // The SDK's waiter polls every 20 s by default; a local server is done in milliseconds, AWS in seconds.
        try (DynamoDbWaiter waiter = DynamoDbWaiter.builder()
                .client(dynamoDb)
                .overrideConfiguration(o -> o.waitTimeout(Duration.ofMinutes(5))
                        .maxAttempts(500)
                        .backoffStrategyV2(BackoffStrategy.exponentialDelayHalfJitter(
                                Duration.ofMillis(50), Duration.ofSeconds(5))))
                .build()) {
            waiter.waitUntilTableExists(request -> request.tableName(Orders.TABLE));
        }
    }

    private static AttributeDefinition attribute(String name) {
        return AttributeDefinition.builder()
                .attributeName(name)
                .attributeType(ScalarAttributeType.S)
                .build();
    }

    private static KeySchemaElement key(String name, KeyType type) {
        return KeySchemaElement.builder().attributeName(name).keyType(type).build();
    }
}
