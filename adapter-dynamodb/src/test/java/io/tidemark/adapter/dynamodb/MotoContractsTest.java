package io.tidemark.adapter.dynamodb;

import io.tidemark.adapter.dynamodb.testing.AuditItemTampering;
import io.tidemark.adapter.dynamodb.testing.MotoContainer;
import io.tidemark.core.model.AuditRecord;
import io.tidemark.core.port.AuditStore;
import io.tidemark.tck.ContractSuites;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Every TCK suite against moto's server ({@code motoserver/moto}) over HTTP, through
 * Testcontainers: the same suites as {@link DynaliteContractsTest}, on a second, independent
 * emulator. Skipped where no Docker engine is available.
 */
@Testcontainers(disabledWithoutDocker = true)
class MotoContractsTest extends ContractSuites {

    @Container
    private static final MotoContainer DYNAMODB = new MotoContainer();

    private static DynamoDbClient client;

    private static synchronized DynamoDbClient client() {
        if (client == null) {
            client = DYNAMODB.clients().create();
        }
        return client;
    }

    @AfterAll
    static synchronized void closeClient() {
        if (client != null) {
            client.close();
            client = null;
        }
    }

    private static DynamoDbAuditStore store(Clock clock) {
        return DynamoDbAuditStore.builder(client()).pageSize(25).clock(clock).build();
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
        client().putItem(p -> p.tableName(((DynamoDbAuditStore) store).auditTableName()).item(item));
    }

    private AuditItemTampering tampering(AuditStore store) {
        return new AuditItemTampering(client(), ((DynamoDbAuditStore) store).auditTableName());
    }
}
