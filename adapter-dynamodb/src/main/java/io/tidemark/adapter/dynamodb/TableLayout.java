package io.tidemark.adapter.dynamodb;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;

/**
 * The key schema one of Tidemark's tables must have, with what it takes to create or check it.
 *
 * @param purpose      what the table holds, for messages ("audit log", "lock")
 * @param name         the table name
 * @param partitionKey the partition (hash) key
 * @param sortKey      the optional sort (range) key
 */
record TableLayout(String purpose, String name, KeyAttribute partitionKey, Optional<KeyAttribute> sortKey) {

    /**
     * One key attribute.
     *
     * @param name the attribute name
     * @param type its scalar type
     */
    record KeyAttribute(String name, ScalarAttributeType type) {
        @Override
        public String toString() {
            return name + " (" + type + ")";
        }
    }

    TableLayout {
        Objects.requireNonNull(purpose, "purpose");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(partitionKey, "partitionKey");
        Objects.requireNonNull(sortKey, "sortKey");
    }

    /** The audit table: partition key {@code chain} (S), sort key {@code seq} (N). */
    static TableLayout audit(String name) {
        return new TableLayout("audit log", name, new KeyAttribute(AuditItemFormat.CHAIN, ScalarAttributeType.S),
                Optional.of(new KeyAttribute(AuditItemFormat.SEQ, ScalarAttributeType.N)));
    }

    /** The lock table: partition key {@code lockKey} (S), no sort key. */
    static TableLayout lock(String name) {
        return new TableLayout("lock", name, new KeyAttribute(DynamoDbLockService.LOCK_KEY, ScalarAttributeType.S),
                Optional.empty());
    }

    /** "partition key chain (S) and sort key seq (N)". */
    String keyDescription() {
        return "partition key " + partitionKey + sortKey.map(k -> " and sort key " + k).orElse(" and no sort key");
    }

    /** The request that creates this table with {@code billing}. */
    CreateTableRequest createRequest(TableBilling billing) {
        List<AttributeDefinition> attributes = new ArrayList<>();
        List<KeySchemaElement> keys = new ArrayList<>();
        attributes.add(AttributeDefinition.builder().attributeName(partitionKey.name()).attributeType(partitionKey.type()).build());
        keys.add(KeySchemaElement.builder().attributeName(partitionKey.name()).keyType(KeyType.HASH).build());
        sortKey.ifPresent(sort -> {
            attributes.add(AttributeDefinition.builder().attributeName(sort.name()).attributeType(sort.type()).build());
            keys.add(KeySchemaElement.builder().attributeName(sort.name()).keyType(KeyType.RANGE).build());
        });
        CreateTableRequest.Builder request = CreateTableRequest.builder().tableName(name)
                .attributeDefinitions(attributes).keySchema(keys);
        if (billing instanceof TableBilling.Provisioned provisioned) {
            request.billingMode(BillingMode.PROVISIONED).provisionedThroughput(p -> p
                    .readCapacityUnits(provisioned.readCapacityUnits())
                    .writeCapacityUnits(provisioned.writeCapacityUnits()));
        } else {
            request.billingMode(BillingMode.PAY_PER_REQUEST);
        }
        return request.build();
    }

    /**
     * What is wrong with {@code found}'s key schema, or empty when it is as expected. The message
     * says what was expected and what was found.
     */
    Optional<String> schemaProblem(TableDescription found) {
        Optional<KeyAttribute> foundPartition = keyOf(found, KeyType.HASH);
        Optional<KeyAttribute> foundSort = keyOf(found, KeyType.RANGE);
        if (foundPartition.equals(Optional.of(partitionKey)) && foundSort.equals(sortKey)) {
            return Optional.empty();
        }
        String foundKeys = "partition key " + foundPartition.map(KeyAttribute::toString).orElse("(none)")
                + foundSort.map(k -> " and sort key " + k).orElse(" and no sort key");
        return Optional.of("DynamoDB table '" + name + "' (Tidemark's " + purpose + " table) has the wrong key schema: "
                + "expected " + keyDescription() + ", found " + foundKeys + ". Point Tidemark at another table "
                + "(table name or prefix option) or let it create its own; a table's key schema cannot be changed.");
    }

    /** An AWS CLI command that creates this table, for messages that tell people how to fix a missing table. */
    String createCommand(TableBilling billing) {
        StringBuilder command = new StringBuilder("aws dynamodb create-table --table-name ").append(name)
                .append(" --attribute-definitions AttributeName=").append(partitionKey.name())
                .append(",AttributeType=").append(partitionKey.type());
        sortKey.ifPresent(sort -> command.append(" AttributeName=").append(sort.name()).append(",AttributeType=")
                .append(sort.type()));
        command.append(" --key-schema AttributeName=").append(partitionKey.name()).append(",KeyType=HASH");
        sortKey.ifPresent(sort -> command.append(" AttributeName=").append(sort.name()).append(",KeyType=RANGE"));
        if (billing instanceof TableBilling.Provisioned provisioned) {
            command.append(" --billing-mode PROVISIONED --provisioned-throughput ReadCapacityUnits=")
                    .append(provisioned.readCapacityUnits()).append(",WriteCapacityUnits=")
                    .append(provisioned.writeCapacityUnits());
        } else {
            command.append(" --billing-mode PAY_PER_REQUEST");
        }
        return command.toString();
    }

    private static Optional<KeyAttribute> keyOf(TableDescription table, KeyType keyType) {
        return table.keySchema().stream().filter(k -> k.keyType() == keyType).findFirst().map(k -> {
            ScalarAttributeType type = table.attributeDefinitions().stream()
                    .filter(a -> a.attributeName().equals(k.attributeName())).findFirst()
                    .map(AttributeDefinition::attributeType).orElse(ScalarAttributeType.UNKNOWN_TO_SDK_VERSION);
            return new KeyAttribute(k.attributeName(), type);
        });
    }
}
