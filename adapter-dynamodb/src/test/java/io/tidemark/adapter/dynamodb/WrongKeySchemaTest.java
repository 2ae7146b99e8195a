package io.tidemark.adapter.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.tidemark.adapter.dynamodb.testing.DynaliteServer;
import io.tidemark.core.error.ConfigurationException;
import io.tidemark.spi.AuditRecord;
import io.tidemark.spi.AuditState;
import io.tidemark.tck.MutableClock;
import io.tidemark.tck.TestRecords;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/** Tables that exist under Tidemark's names but with another key schema. */
class WrongKeySchemaTest {

    private static DynaliteServer dynamo;
    private String prefix;

    @BeforeAll
    static void startDynalite() {
        dynamo = DynaliteServer.start();
    }

    @AfterAll
    static void stopDynalite() {
        dynamo.close();
    }

    @BeforeEach
    void freshPrefix() {
        prefix = "w" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt()) + "_";
    }

    private void createTable(String name, String hashKey, ScalarAttributeType hashType) {
        dynamo.client()
                .createTable(r -> r.tableName(name)
                        .billingMode(BillingMode.PAY_PER_REQUEST)
                        .attributeDefinitions(AttributeDefinition.builder()
                                .attributeName(hashKey)
                                .attributeType(hashType)
                                .build())
                        .keySchema(KeySchemaElement.builder()
                                .attributeName(hashKey)
                                .keyType(KeyType.HASH)
                                .build()));
    }

    private void createTable(
            String name, String hashKey, ScalarAttributeType hashType, String rangeKey, ScalarAttributeType rangeType) {
        dynamo.client()
                .createTable(r -> r.tableName(name)
                        .billingMode(BillingMode.PAY_PER_REQUEST)
                        .attributeDefinitions(
                                AttributeDefinition.builder()
                                        .attributeName(hashKey)
                                        .attributeType(hashType)
                                        .build(),
                                AttributeDefinition.builder()
                                        .attributeName(rangeKey)
                                        .attributeType(rangeType)
                                        .build())
                        .keySchema(
                                KeySchemaElement.builder()
                                        .attributeName(hashKey)
                                        .keyType(KeyType.HASH)
                                        .build(),
                                KeySchemaElement.builder()
                                        .attributeName(rangeKey)
                                        .keyType(KeyType.RANGE)
                                        .build()));
    }

    private DynamoDbAuditStore store() {
        return DynamoDbAuditStore.builder(dynamo.client())
                .tablePrefix(prefix)
                .clock(MutableClock.atFixedStart())
                .build();
    }

    @Test
    void initializeSaysWhatKeySchemaWasExpectedAndFound() {
        createTable(prefix + "tidemark_audit", "id", ScalarAttributeType.S);

        ConfigurationException wrong = catchThrowableOfType(ConfigurationException.class, store()::initialize);

        assertThat(wrong.getMessage())
                .contains(
                        "'" + prefix + "tidemark_audit'",
                        "wrong key schema",
                        "expected partition key chain (S) and sort key seq (N)",
                        "found partition key id (S) and no sort key");
    }

    @Test
    void aSortKeyOfTheWrongTypeIsReported() {
        createTable(prefix + "tidemark_audit", "chain", ScalarAttributeType.S, "seq", ScalarAttributeType.S);

        ConfigurationException wrong = catchThrowableOfType(ConfigurationException.class, store()::initialize);

        assertThat(wrong.getMessage())
                .contains(
                        "expected partition key chain (S) and sort key seq (N)",
                        "found partition key chain (S) and sort key seq (S)");
    }

    @Test
    void bothWrongTablesAreReportedAtOnce() {
        createTable(prefix + "tidemark_audit", "id", ScalarAttributeType.S);
        createTable(prefix + "tidemark_lock", "lockKey", ScalarAttributeType.N);

        ConfigurationException wrong = catchThrowableOfType(ConfigurationException.class, store()::initialize);

        assertThat(wrong.problems()).hasSize(2);
        assertThat(wrong.problems().get(1))
                .contains(
                        "'" + prefix + "tidemark_lock'",
                        "expected partition key lockKey (S) and no sort key",
                        "found partition key lockKey (N)");
    }

    @Test
    void readsAndAppendsOnAWrongTableReportTheSchemaNotTheAwsError() {
        createTable(prefix + "tidemark_audit", "id", ScalarAttributeType.S);
        DynamoDbAuditStore store = store();

        assertThat(catchThrowableOfType(
                        ConfigurationException.class, () -> store.history().tip("c")))
                .hasMessageContaining(
                        "expected partition key chain (S) and sort key seq (N), found partition key id (S)");
        assertThat(catchThrowableOfType(
                        ConfigurationException.class,
                        () -> store.history().readAll("c").toList()))
                .hasMessageContaining("wrong key schema");
        assertThat(catchThrowableOfType(
                        ConfigurationException.class,
                        () -> store.append(TestRecords.applied("c", 1, AuditRecord.GENESIS_HASH))))
                .hasMessageContaining("wrong key schema");
    }

    @Test
    void anAppendWithoutInitializeOnATableKeyedByAnotherRecordFieldIsRefusedNotForked() {
        createTable(prefix + "tidemark_audit", "executionId", ScalarAttributeType.S);
        DynamoDbAuditStore store = store();
        AuditRecord first = TestRecords.record("c", 1, AuditRecord.GENESIS_HASH, "a", AuditState.APPLIED, "run-1");
        AuditRecord rival = TestRecords.record("c", 1, AuditRecord.GENESIS_HASH, "b", AuditState.APPLIED, "run-2");

        ConfigurationException wrong = catchThrowableOfType(ConfigurationException.class, () -> {
            store.append(first);
            store.append(rival);
        });

        assertThat(wrong)
                .isNotNull()
                .hasMessageContaining("wrong key schema")
                .hasMessageContaining("found partition key executionId (S)");
        assertThat(dynamo.client()
                        .scan(r -> r.tableName(prefix + "tidemark_audit"))
                        .count())
                .isZero();
    }

    @Test
    void lockOperationsOnAWrongTableReportTheSchema() {
        createTable(prefix + "tidemark_lock", "name", ScalarAttributeType.S);
        DynamoDbAuditStore store = store();

        assertThat(catchThrowableOfType(
                        ConfigurationException.class,
                        () -> store.lockService().tryAcquire("k", "me", Duration.ofMinutes(1))))
                .hasMessageContaining(
                        "expected partition key lockKey (S) and no sort key, found partition key name (S)");
        assertThat(catchThrowableOfType(
                        ConfigurationException.class, () -> store.lockService().inspect("k")))
                .hasMessageContaining("wrong key schema");
    }
}
