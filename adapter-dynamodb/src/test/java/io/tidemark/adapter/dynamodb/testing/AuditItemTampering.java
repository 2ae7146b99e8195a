package io.tidemark.adapter.dynamodb.testing;

import io.tidemark.spi.AuditRecord;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Raw writes to the audit table that bypass the store and its conditions, as an intruder or a
 * careless operator would make them: for tests that check the hash chain catches them. Items are
 * written as {@link AuditItems} documents them.
 *
 * @param client a client of the DynamoDB holding the table
 * @param table  the audit table's name
 */
public record AuditItemTampering(DynamoDbClient client, String table) {

    /** Replaces the item at {@code replacement}'s chain and sequence with an unconditional {@code PutItem}. */
    public void overwrite(AuditRecord replacement) {
        client.putItem(p -> p.tableName(table).item(AuditItems.toItem(replacement)));
    }

    /** Deletes the item at {@code seq} of {@code chain} with an unconditional {@code DeleteItem}. */
    public void delete(String chain, long seq) {
        client.deleteItem(d -> d.tableName(table).key(AuditItems.key(chain, seq)));
    }

    /**
     * Stores {@code record}, except that attribute {@code name} holds {@code value}: an item this
     * version may not be able to read (a state from a newer version, a number stored as text).
     */
    public void overwriteWith(AuditRecord record, String name, AttributeValue value) {
        Map<String, AttributeValue> item = new HashMap<>(AuditItems.toItem(record));
        item.put(name, value);
        client.putItem(p -> p.tableName(table).item(item));
    }
}
