package io.tidemark.adapter.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.adapter.dynamodb.testing.DynaliteServer;
import io.tidemark.core.ConfigSource;
import io.tidemark.core.TidemarkConfig;
import io.tidemark.spi.Diagnosis;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/** What {@code tidemark doctor} learns from DynamoDB itself, without anything being created. */
class DiagnoseTest {

    private static DynaliteServer dynamo;

    @BeforeAll
    static void start() {
        dynamo = DynaliteServer.start();
    }

    @AfterAll
    static void stop() {
        dynamo.close();
    }

    @Test
    void readyTablesAreReportedOk() {
        DynamoDbAuditStore store = DynamoDbAuditStore.builder(dynamo.client())
                .tablePrefix("diag_ok_")
                .build();
        store.initialize();

        List<Diagnosis> findings = store.diagnose();

        assertThat(findings).hasSize(2).allSatisfy(d -> assertThat(d.status()).isEqualTo(Diagnosis.Status.OK));
        assertThat(findings)
                .extracting(Diagnosis::check)
                .anySatisfy(c -> assertThat(c).contains("diag_ok_tidemark_audit"));
    }

    @Test
    void missingTablesAreProblemsWithTheCommandWhenAutoCreateIsOffAndNothingIsCreated() {
        DynamoDbAuditStore store = DynamoDbAuditStore.builder(dynamo.client())
                .tablePrefix("diag_none_")
                .autoCreate(false)
                .build();

        List<Diagnosis> findings = store.diagnose();

        assertThat(findings).hasSize(2).allSatisfy(d -> {
            assertThat(d.status()).isEqualTo(Diagnosis.Status.PROBLEM);
            assertThat(d.fix()).contains("aws dynamodb create-table");
        });
        assertThat(dynamo.client().listTables().tableNames()).noneMatch(name -> name.startsWith("diag_none_"));
    }

    @Test
    void missingTablesAreWarningsWhenAutoCreateWillMakeThem() {
        List<Diagnosis> findings = DynamoDbAuditStore.builder(dynamo.client())
                .tablePrefix("diag_later_")
                .build()
                .diagnose();

        assertThat(findings).hasSize(2).allSatisfy(d -> assertThat(d.status()).isEqualTo(Diagnosis.Status.WARNING));
    }

    @Test
    void aTableWithTheWrongKeysIsAProblem() {
        dynamo.client()
                .createTable(r -> r.tableName("diag_wrong_tidemark_audit")
                        .billingMode(BillingMode.PAY_PER_REQUEST)
                        .keySchema(KeySchemaElement.builder()
                                .attributeName("id")
                                .keyType(KeyType.HASH)
                                .build())
                        .attributeDefinitions(AttributeDefinition.builder()
                                .attributeName("id")
                                .attributeType(ScalarAttributeType.S)
                                .build()));

        List<Diagnosis> findings = DynamoDbAuditStore.builder(dynamo.client())
                .tablePrefix("diag_wrong_")
                .build()
                .diagnose();

        assertThat(findings)
                .filteredOn(d -> d.check().contains("diag_wrong_tidemark_audit"))
                .singleElement()
                .satisfies(d -> {
                    assertThat(d.status()).isEqualTo(Diagnosis.Status.PROBLEM);
                    assertThat(d.detail()).contains("chain", "seq");
                    assertThat(d.fix())
                            .contains("tablePrefix(...), auditTable(...) or lockTable(...) on "
                                    + "DynamoDbAuditStore.builder")
                            .doesNotContain("tidemark.dynamodb");
                });
    }

    @Test
    void aTableWithTheWrongKeysInAStoreFromConfigurationIsFixedWithTheTableKeys() {
        dynamo.client()
                .createTable(r -> r.tableName("diag_keys_tidemark_audit")
                        .billingMode(BillingMode.PAY_PER_REQUEST)
                        .keySchema(KeySchemaElement.builder()
                                .attributeName("id")
                                .keyType(KeyType.HASH)
                                .build())
                        .attributeDefinitions(AttributeDefinition.builder()
                                .attributeName("id")
                                .attributeType(ScalarAttributeType.S)
                                .build()));
        Map<String, String> keys = new HashMap<>(dynamo.configuration());
        keys.put(DynamoDbAuditStoreProvider.TABLE_PREFIX, "diag_keys_");

        List<Diagnosis> findings;
        try (DynamoDbAuditStore store =
                new DynamoDbAuditStoreProvider().create(TidemarkConfig.of(ConfigSource.of("test", keys)))) {
            findings = store.diagnose();
        }

        assertThat(findings)
                .filteredOn(d -> d.check().contains("diag_keys_tidemark_audit"))
                .singleElement()
                .satisfies(d -> assertThat(d.fix())
                        .contains("tidemark.dynamodb.table-prefix, "
                                + "tidemark.dynamodb.audit-table or tidemark.dynamodb.lock-table")
                        .doesNotContain("builder"));
    }
}
