package io.tidemark.adapter.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tidemark.adapter.dynamodb.testing.DynaliteServer;
import io.tidemark.core.Tidemark;
import io.tidemark.core.TidemarkConfig;
import io.tidemark.core.error.ConfigurationException;
import io.tidemark.core.operator.MongockImport;
import io.tidemark.core.operator.OperatorApi;
import io.tidemark.spi.MongockChangeLog;
import io.tidemark.spi.MongockEntry;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * Reading Mongock's change log from items in the shape Mongock 5's {@code dynamodb-driver} writes, on
 * dynalite, and importing it. (Whether the real driver runs on dynalite is tried in
 * integration-tests-mongock.)
 */
class DynamoDbMongockChangeLogTest {

    private final DynaliteServer server = DynaliteServer.shared();
    private final DynamoDbClient client = server.client();

    private void createMongockTable(String name) {
        client.createTable(r -> r.tableName(name)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(
                        a -> a.attributeName("changeId").attributeType(ScalarAttributeType.S),
                        a -> a.attributeName("executionId#author").attributeType(ScalarAttributeType.S))
                .keySchema(
                        k -> k.attributeName("changeId").keyType(KeyType.HASH),
                        k -> k.attributeName("executionId#author").keyType(KeyType.RANGE)));
        server.awaitActive(name);
    }

    private void put(String table, String changeId, String state, long millis) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("changeId", AttributeValue.fromS(changeId));
        item.put("executionId#author", AttributeValue.fromS("run-1#ana"));
        item.put("executionId", AttributeValue.fromS("run-1"));
        item.put("author", AttributeValue.fromS("ana"));
        item.put("timestamp", AttributeValue.fromN(Long.toString(millis)));
        item.put("state", AttributeValue.fromS(state));
        item.put("type", AttributeValue.fromS("EXECUTION"));
        item.put("changeLogClass", AttributeValue.fromS("com.example.Units"));
        item.put("changeSetMethod", AttributeValue.fromS("execution"));
        item.put("executionMillis", AttributeValue.fromN("7"));
        item.put("executionHostname", AttributeValue.fromS("app-1"));
        item.put("metadata", AttributeValue.fromS("{\"team\":\"payments\"}"));
        item.put("systemChange", AttributeValue.fromBool(false));
        client.putItem(r -> r.tableName(table).item(item));
    }

    private DynamoDbAuditStore store(String prefix) {
        return DynamoDbAuditStore.builder(client).tablePrefix(prefix).build();
    }

    @Test
    void itemsAreReadFieldForFieldAcrossScanPages() {
        createMongockTable("mongock_read");
        int count = DynamoDbMongockChangeLog.PAGE_SIZE * 2 + 5;
        IntStream.range(0, count).forEach(i -> put("mongock_read", "change-" + i, "EXECUTED", 1_000 + i));

        MongockChangeLog changeLog =
                store("read_").mongockChangeLog("mongock_read").orElseThrow();
        List<MongockEntry> entries;
        try (Stream<MongockEntry> stream = changeLog.entries()) {
            entries = stream.toList();
        }

        assertThat(entries).hasSize(count);
        assertThat(entries).extracting(MongockEntry::changeId).doesNotHaveDuplicates();
        MongockEntry one = entries.stream()
                .filter(e -> e.changeId().equals("change-3"))
                .findFirst()
                .orElseThrow();
        assertThat(one.position()).isEqualTo("key changeId=change-3, executionId#author=run-1#ana");
        assertThat(one.timestamp()).contains(Instant.ofEpochMilli(1_003));
        assertThat(one.metadata()).isEqualTo("{\"team\":\"payments\"}");
        assertThat(one.executionMillis()).isEqualTo(7);
        assertThat(one.systemChange()).isFalse();
        assertThat(changeLog.describe()).contains("DynamoDB table 'mongock_read'");
    }

    @Test
    void aMissingTableIsNamedAndNothingIsCreated() {
        MongockChangeLog changeLog =
                store("missing_").mongockChangeLog("mongock_missing").orElseThrow();

        assertThatThrownBy(changeLog::entries)
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("DynamoDB table 'mongock_missing'")
                .hasMessageContaining("does not exist");
        assertThat(client.listTables().tableNames()).doesNotContain("mongock_missing");
    }

    @Test
    void theChangeLogIsImported() {
        createMongockTable("mongock_import");
        put("mongock_import", "create-users", "EXECUTED", 1_000);
        put("mongock_import", "seed-users", "FAILED", 2_000);
        DynamoDbAuditStore store = store("import_");

        try (OperatorApi operator = Tidemark.builder()
                .auditStore(store)
                .configuration(TidemarkConfig.of())
                .buildOperator()) {
            MongockImport result = operator.importMongock(
                    store.mongockChangeLog("mongock_import").orElseThrow(), "ana");

            assertThat(result.markedApplied()).isEqualTo(1);
            assertThat(result.problems()).isEqualTo(1);
            assertThat(result.issues()).containsExactly("seed-users");
            assertThat(operator.issues()).extracting(i -> i.changeId()).containsExactly("seed-users");
            assertThat(result.verification().isIntact()).isTrue();
        }
    }
}
