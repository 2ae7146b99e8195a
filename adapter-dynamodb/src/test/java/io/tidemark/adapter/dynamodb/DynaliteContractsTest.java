package io.tidemark.adapter.dynamodb;

import io.tidemark.adapter.dynamodb.testing.AuditItemTampering;
import io.tidemark.adapter.dynamodb.testing.DynaliteServer;
import io.tidemark.core.model.AuditRecord;
import io.tidemark.core.port.AuditStore;
import io.tidemark.tck.ContractSuites;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Every TCK suite against dynalite over HTTP, with the store built in code around the caller's
 * client and pages of 25 records.
 */
class DynaliteContractsTest extends ContractSuites {

    private static DynaliteServer dynamo;

    @BeforeAll
    static void startDynalite() {
        dynamo = DynaliteServer.start();
    }

    @AfterAll
    static void stopDynalite() {
        dynamo.close();
    }

    private static DynamoDbAuditStore store(Clock clock) {
        return DynamoDbAuditStore.builder(dynamo.client()).pageSize(25).clock(clock).build();
    }

    @Override
    protected AuditStore createStore(Clock clock) {
        return store(clock);
    }

    @Override
    protected void overwriteRecord(AuditStore store, AuditRecord replacement) {
        tampering(store).overwrite(replacement);
    }

    @Override
    protected void deleteRecord(AuditStore store, String chain, long seq) {
        tampering(store).delete(chain, seq);
    }

    @Override
    protected void overwriteRecordWithState(AuditStore store, AuditRecord record, String state) {
        Map<String, AttributeValue> item = new HashMap<>(AuditItemFormat.toItem(record));
        item.put(AuditItemFormat.STATE, AuditItemFormat.text(state));
        dynamo.client().putItem(p -> p.tableName(((DynamoDbAuditStore) store).auditTableName()).item(item));
    }

    private AuditItemTampering tampering(AuditStore store) {
        return new AuditItemTampering(dynamo.client(), ((DynamoDbAuditStore) store).auditTableName());
    }
}
