package io.tidemark.examples.quickstart.changes;

import io.tidemark.api.ChangeContext;
import io.tidemark.api.ChangeUnit;
import io.tidemark.api.Execution;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexUpdate;
import software.amazon.awssdk.services.dynamodb.model.IndexStatus;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * Adds the global secondary index {@code byCustomer} (customerId, placedAt) so the application can
 * list a customer's orders by time, then waits until DynamoDB has built it. An index of that name
 * that exists already is accepted, so the change is safe to run again.
 */
@ChangeUnit(id = "add-customer-index", order = "3", author = "quickstart",
        description = "GSI byCustomer on customerId + placedAt")
public class AddCustomerIndex {

    private static final Duration BUILD_TIMEOUT = Duration.ofMinutes(15);

    @Execution
    public void addIndex(DynamoDbClient dynamoDb, ChangeContext context) throws InterruptedException {
        if (indexStatus(dynamoDb).isPresent()) {
            context.putMetadata("index", Orders.BY_CUSTOMER_INDEX + " (existed already)");
            awaitIndexActive(dynamoDb);
            return;
        }
        dynamoDb.updateTable(table -> table
                .tableName(Orders.TABLE)
                .attributeDefinitions(
                        AttributeDefinition.builder().attributeName(Orders.CUSTOMER_ID).attributeType(ScalarAttributeType.S).build(),
                        AttributeDefinition.builder().attributeName(Orders.PLACED_AT).attributeType(ScalarAttributeType.S).build())
                .globalSecondaryIndexUpdates(GlobalSecondaryIndexUpdate.builder().create(index -> index
                        .indexName(Orders.BY_CUSTOMER_INDEX)
                        .keySchema(
                                KeySchemaElement.builder().attributeName(Orders.CUSTOMER_ID).keyType(KeyType.HASH).build(),
                                KeySchemaElement.builder().attributeName(Orders.PLACED_AT).keyType(KeyType.RANGE).build())
                        .projection(projection -> projection.projectionType(ProjectionType.ALL))).build()));
        awaitIndexActive(dynamoDb);
        context.putMetadata("index", Orders.BY_CUSTOMER_INDEX);
    }

    /**
     * Polls until the index is ACTIVE, backing off from 100 ms to 5 s: building an index over
     * existing items takes a moment locally and minutes on AWS.
     */
    private static void awaitIndexActive(DynamoDbClient dynamoDb) throws InterruptedException {
        Instant deadline = Instant.now().plus(BUILD_TIMEOUT);
        long pauseMillis = 100;
        while (true) {
            IndexStatus status = indexStatus(dynamoDb).orElse(IndexStatus.CREATING);
            if (status == IndexStatus.ACTIVE) {
                return;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("Index " + Orders.BY_CUSTOMER_INDEX + " is still " + status + " after "
                        + BUILD_TIMEOUT.toMinutes() + " minutes");
            }
            Thread.sleep(pauseMillis);
            pauseMillis = Math.min(pauseMillis * 2, 5_000);
        }
    }

    private static Optional<IndexStatus> indexStatus(DynamoDbClient dynamoDb) {
        return dynamoDb.describeTable(r -> r.tableName(Orders.TABLE)).table().globalSecondaryIndexes().stream()
                .filter(index -> index.indexName().equals(Orders.BY_CUSTOMER_INDEX))
                .map(GlobalSecondaryIndexDescription::indexStatus)
                .findFirst();
    }
}
