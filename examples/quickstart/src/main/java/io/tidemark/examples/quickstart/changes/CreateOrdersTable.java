package io.tidemark.examples.quickstart.changes;

import io.tidemark.api.ChangeContext;
import io.tidemark.api.ChangeUnit;
import io.tidemark.api.Execution;
import java.time.Duration;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.waiters.DynamoDbWaiter;

/**
 * Creates the {@code orders} table the application stores its orders in, and waits until it is
 * active. A table that already exists (created by hand, or by another chain sharing this DynamoDB)
 * is accepted as it is, so the change is safe to run again.
 */
@ChangeUnit(id = "create-orders-table", order = "1", author = "quickstart",
        description = "orders table, keyed by orderId, billed on demand")
public class CreateOrdersTable {

    @Execution
    public void createTable(DynamoDbClient dynamoDb, ChangeContext context) {
        try {
            dynamoDb.createTable(table -> table
                    .tableName(Orders.TABLE)
                    .billingMode(BillingMode.PAY_PER_REQUEST)
                    .attributeDefinitions(AttributeDefinition.builder().attributeName(Orders.ORDER_ID)
                            .attributeType(ScalarAttributeType.S).build())
                    .keySchema(KeySchemaElement.builder().attributeName(Orders.ORDER_ID).keyType(KeyType.HASH).build()));
            context.putMetadata("table", Orders.TABLE);
        } catch (ResourceInUseException exists) {
            context.putMetadata("table", Orders.TABLE + " (existed already)");
        }
        try (DynamoDbWaiter waiter = DynamoDbWaiter.builder().client(dynamoDb)
                .overrideConfiguration(o -> o.waitTimeout(Duration.ofMinutes(5))).build()) {
            waiter.waitUntilTableExists(request -> request.tableName(Orders.TABLE));
        }
    }
}
