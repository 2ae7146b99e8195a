package io.tidemark.examples.quickstart.changes.dynamodb;

import io.tidemark.api.ChangeContext;
import io.tidemark.api.ChangeUnit;
import io.tidemark.api.Execution;
import io.tidemark.api.Recovery;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;

/**
 * Derives {@code placedMonth} ({@code 2026-03}) from {@code placedAt} on every order that has none,
 * for monthly reports: a data migration that pages through the table and updates each item with a
 * condition that the attribute is still missing. Running it again after an interruption only
 * finishes the job: that is why it may declare {@link Recovery#RETRY}.
 */
@ChangeUnit(
        id = "add-order-month",
        order = "3",
        author = "quickstart",
        description = "placedMonth derived from placedAt",
        recovery = Recovery.RETRY)
public class AddOrderMonth {

    @Execution
    public void addMonth(DynamoDbClient dynamoDb, ChangeContext context) {
        int updated = 0;
        Map<String, AttributeValue> startKey = null;
        do {
            Map<String, AttributeValue> from = startKey;
            ScanResponse page = dynamoDb.scan(scan -> scan.tableName(Orders.TABLE)
                    .filterExpression("attribute_not_exists(#month)")
                    .expressionAttributeNames(Map.of("#month", Orders.PLACED_MONTH))
                    .exclusiveStartKey(from)
                    .limit(100));
            for (Map<String, AttributeValue> order : page.items()) {
                String month = order.get(Orders.PLACED_AT).s().substring(0, "yyyy-MM".length());
                try {
                    dynamoDb.updateItem(update -> update.tableName(Orders.TABLE)
                            .key(Map.of(Orders.ORDER_ID, order.get(Orders.ORDER_ID)))
                            .updateExpression("SET #month = :month")
                            .conditionExpression("attribute_not_exists(#month)")
                            .expressionAttributeNames(Map.of("#month", Orders.PLACED_MONTH))
                            .expressionAttributeValues(Map.of(":month", AttributeValue.fromS(month))));
                    updated++;
                } catch (ConditionalCheckFailedException alreadySet) {
                    // Set meanwhile (by the application, or an interrupted earlier attempt); keep it.
                }
            }
            startKey =
                    page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (startKey != null);
        context.putMetadata("updated", Integer.toString(updated));
    }
}
