package io.tidemark.mongock.dynamodb;

import com.amazonaws.services.dynamodbv2.AmazonDynamoDB;
import com.amazonaws.services.dynamodbv2.model.AttributeDefinition;
import com.amazonaws.services.dynamodbv2.model.AttributeValue;
import com.amazonaws.services.dynamodbv2.model.BillingMode;
import com.amazonaws.services.dynamodbv2.model.CreateTableRequest;
import com.amazonaws.services.dynamodbv2.model.GetItemRequest;
import com.amazonaws.services.dynamodbv2.model.KeySchemaElement;
import com.amazonaws.services.dynamodbv2.model.KeyType;
import com.amazonaws.services.dynamodbv2.model.ScalarAttributeType;
import com.amazonaws.services.dynamodbv2.model.UpdateItemRequest;
import java.util.Map;

/**
 * What the DynamoDB change units change: a counter per effect in the table {@code effects}, written
 * with the AWS SDK v1 client that Mongock's DynamoDB driver uses too, so that a test sees how many times
 * each change's effect happened, whichever tool ran it.
 */
public final class Counters {

    public static final String TABLE = "effects";

    private Counters() {}

    public static void createTable(AmazonDynamoDB client) {
        client.createTable(new CreateTableRequest()
                .withTableName(TABLE)
                .withBillingMode(BillingMode.PAY_PER_REQUEST)
                .withAttributeDefinitions(new AttributeDefinition("effect", ScalarAttributeType.S))
                .withKeySchema(new KeySchemaElement("effect", KeyType.HASH)));
    }

    public static void add(AmazonDynamoDB client, String effect, int delta) {
        client.updateItem(new UpdateItemRequest()
                .withTableName(TABLE)
                .withKey(Map.of("effect", new AttributeValue(effect)))
                .withUpdateExpression("ADD #count :delta")
                .withExpressionAttributeNames(Map.of("#count", "count"))
                .withExpressionAttributeValues(Map.of(":delta", new AttributeValue().withN(Integer.toString(delta)))));
    }

    public static int count(AmazonDynamoDB client, String effect) {
        Map<String, AttributeValue> item = client.getItem(new GetItemRequest()
                        .withTableName(TABLE)
                        .withKey(Map.of("effect", new AttributeValue(effect)))
                        .withConsistentRead(true))
                .getItem();
        return item == null || item.get("count") == null
                ? 0
                : Integer.parseInt(item.get("count").getN());
    }
}
