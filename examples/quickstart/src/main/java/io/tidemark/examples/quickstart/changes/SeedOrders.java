package io.tidemark.examples.quickstart.changes;

import io.tidemark.api.ChangeContext;
import io.tidemark.api.ChangeUnit;
import io.tidemark.api.Execution;
import io.tidemark.api.Recovery;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * Seeds a few orders, all or none: the six puts go to DynamoDB in one {@code TransactWriteItems}
 * request. Putting the same six items again changes nothing, so after an interruption it may simply
 * run again: that is why it declares {@link Recovery#RETRY}.
 *
 * <p>It deliberately does not take the DynamoDB audit store's {@code DynamoDbChangeTransaction}
 * (which would also commit its {@code APPLIED} record in the same transaction): a change unit that
 * takes a store's transaction handle can only run with that store, and the quickstart must run
 * unchanged whichever audit store configuration chooses ({@code tidemark.store}).
 */
@ChangeUnit(id = "seed-orders", order = "2", author = "quickstart", description = "six sample orders",
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
        dynamoDb.transactWriteItems(transaction -> transaction.transactItems(orders.stream()
                .map(order -> TransactWriteItem.builder().put(put -> put.tableName(Orders.TABLE).item(order)).build())
                .toList()));
        context.putMetadata("orders", Integer.toString(orders.size()));
    }
}
