package io.tidemark.adapter.dynamodb.testing;

import io.tidemark.adapter.dynamodb.AuditItemFormat;
import io.tidemark.spi.AuditRecord;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Raw writes to the audit table that bypass the store and its conditions, as an intruder or a
 * careless operator would make them: for tests that check the hash chain catches them.
 *
 * @param client a client of the DynamoDB holding the table
 * @param table  the audit table's name
 */
public record AuditItemTampering(DynamoDbClient client, String table) {

    /** Replaces the item at {@code replacement}'s chain and sequence with an unconditional {@code PutItem}. */
    public void overwrite(AuditRecord replacement) {
        client.putItem(p -> p.tableName(table).item(AuditItemFormat.toItem(replacement)));
    }

    /** Deletes the item at {@code seq} of {@code chain} with an unconditional {@code DeleteItem}. */
    public void delete(String chain, long seq) {
        client.deleteItem(d -> d.tableName(table).key(AuditItemFormat.key(chain, seq)));
    }
}
