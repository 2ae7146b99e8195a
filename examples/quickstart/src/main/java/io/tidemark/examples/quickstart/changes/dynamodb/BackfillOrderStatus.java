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
 * Gives every order that has none the status {@code PLACED}. It pages through the table and updates
 * each item with a condition that the status is still missing, so running it again after an
 * interruption only finishes the job: that is why it may declare {@link Recovery#RETRY}.
 */
@ChangeUnit(
        id = "backfill-order-status",
        order = "4",
        author = "quickstart",
        description = "status = PLACED on orders without one",
        recovery = Recovery.RETRY)
public class BackfillOrderStatus {

    @Execution
    public void backfill(DynamoDbClient dynamoDb, ChangeContext context) {
        int updated = 0;
        Map<String, AttributeValue> startKey = null;
        do {
            Map<String, AttributeValue> from = startKey;
            ScanResponse page = dynamoDb.scan(scan -> scan.tableName(Orders.TABLE)
                    .filterExpression("attribute_not_exists(#status)")
                    .expressionAttributeNames(Map.of("#status", Orders.STATUS))
                    .exclusiveStartKey(from)
                    .limit(100));
            for (Map<String, AttributeValue> order : page.items()) {
                try {
                    dynamoDb.updateItem(update -> update.tableName(Orders.TABLE)
                            .key(Map.of(Orders.ORDER_ID, order.get(Orders.ORDER_ID)))
                            .updateExpression("SET #status = :placed")
                            .conditionExpression("attribute_not_exists(#status)")
                            .expressionAttributeNames(Map.of("#status", Orders.STATUS))
                            .expressionAttributeValues(Map.of(":placed", AttributeValue.fromS("PLACED"))));
                    updated++;
                } catch (ConditionalCheckFailedException alreadySet) {
                    // The application set a status meanwhile; keep it.
                }
            }
            startKey =
                    page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (startKey != null);
        context.putMetadata("backfilled", Integer.toString(updated));
    }
}
