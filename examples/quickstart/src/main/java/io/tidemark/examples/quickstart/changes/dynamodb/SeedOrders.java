package io.tidemark.examples.quickstart.changes.dynamodb;

import io.tidemark.api.ChangeContext;
import io.tidemark.api.ChangeUnit;
import io.tidemark.api.Execution;
import io.tidemark.api.Recovery;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * Seeds six orders, each with a {@code PutItem} conditional on {@code attribute_not_exists(orderId)}:
 * an order that is already there is left exactly as it is, whatever the application did to it since.
 *
 * <p><b>Not all or nothing, but converging.</b> DynamoDB could write the six items atomically with
 * {@code TransactWriteItems}, but dynalite, the open-source DynamoDB the quickstart runs on, has no
 * such action. So an interruption may leave some orders written and others not. The change is
 * idempotent instead (a repeat writes only what is missing and changes nothing else), and declares
 * {@link Recovery#RETRY}: when a crash leaves it {@code STARTED}, the next start simply runs it again
 * and completes the set, without an operator.
 *
 * <p>It deliberately does not take the DynamoDB audit store's {@code DynamoDbChangeTransaction} either
 * (that commits the change's writes with its {@code APPLIED} record, in one
 * {@code TransactWriteItems}): a change unit that takes a store's transaction handle runs only with
 * that store, and the quickstart must run unchanged whichever audit store configuration chooses
 * ({@code tidemark.store}).
 */
@ChangeUnit(
        id = "seed-orders",
        order = "2",
        author = "quickstart",
        description = "six sample orders",
        recovery = Recovery.RETRY)
public class SeedOrders {

    @Execution
    public void seed(DynamoDbClient dynamoDb, ChangeContext context) {
        List<Map<String, AttributeValue>> orders = List.of(
                Orders.order("o-1001", "c-ada", "2026-03-01T09:12:00Z", 4_250),
                Orders.order("o-1002", "c-ada", "2026-03-02T17:40:00Z", 1_999),
                Orders.order("o-1003", "c-grace", "2026-03-02T08:05:00Z", 12_000),
                Orders.order("o-1004", "c-linus", "2026-03-03T11:30:00Z", 650),
                Orders.order("o-1005", "c-grace", "2026-03-04T19:55:00Z", 3_100),
                Orders.order("o-1006", "c-ada", "2026-03-05T07:45:00Z", 899));
        for (Map<String, AttributeValue> order : orders) {
            try {
                dynamoDb.putItem(put -> put.tableName(Orders.TABLE)
                        .item(order)
                        .conditionExpression("attribute_not_exists(#id)")
                        .expressionAttributeNames(Map.of("#id", Orders.ORDER_ID)));
            } catch (ConditionalCheckFailedException alreadyThere) {
                // Written by an earlier, interrupted attempt (or by the application): keep it as it is.
            }
        }
        context.putMetadata("orders", Integer.toString(orders.size()));
    }
}
