package io.tidemark.adapter.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.tidemark.adapter.dynamodb.testing.DynaliteServer;
import io.tidemark.core.ConfigSource;
import io.tidemark.core.TidemarkConfig;
import io.tidemark.core.error.ConfigurationException;
import io.tidemark.spi.AuditRecord;
import io.tidemark.spi.Lease;
import io.tidemark.tck.MutableClock;
import io.tidemark.tck.TestRecords;
import io.tidemark.tck.fuzz.Race;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;

/** Auto-create and verification of the two tables, against dynalite. */
class TableSetupTest {

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
        prefix = "t" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt()) + "_";
    }

    private DynamoDbClient client() {
        return dynamo.client();
    }

    private DynamoDbAuditStore.Builder store() {
        return DynamoDbAuditStore.builder(client()).tablePrefix(prefix).clock(MutableClock.atFixedStart());
    }

    private List<String> tableNames() {
        return client().listTables().tableNames();
    }

    private TableDescription describe(String table) {
        return client().describeTable(r -> r.tableName(table)).table();
    }

    @Test
    void autoCreateOffNamesEveryMissingTableAndHowToCreateIt() {
        DynamoDbAuditStore store = store().autoCreate(false).build();

        ConfigurationException missing = catchThrowableOfType(ConfigurationException.class, store::initialize);

        assertThat(missing.getMessage())
                .contains(
                        prefix + "tidemark_audit",
                        prefix + "tidemark_lock",
                        "do not exist",
                        "auto-create is off",
                        "partition key chain (S) and sort key seq (N)",
                        "partition key lockKey (S)",
                        "aws dynamodb create-table --table-name " + prefix + "tidemark_audit",
                        "autoCreate(true) on DynamoDbAuditStore.builder")
                .doesNotContain("tidemark.dynamodb.auto-create");
        assertThat(tableNames()).doesNotContain(prefix + "tidemark_audit", prefix + "tidemark_lock");
    }

    @Test
    void aStoreFromConfigurationNamesTheKeyThatTurnsAutoCreateOnNotTheBuilderCall() {
        Map<String, String> keys = new HashMap<>(dynamo.configuration());
        keys.put(DynamoDbAuditStoreProvider.TABLE_PREFIX, prefix);
        keys.put(DynamoDbAuditStoreProvider.AUTO_CREATE, "false");
        try (DynamoDbAuditStore store = new DynamoDbAuditStoreProvider()
                .create(TidemarkConfig.of(ConfigSource.of("test", keys)), MutableClock.atFixedStart())) {

            ConfigurationException missing = catchThrowableOfType(ConfigurationException.class, store::initialize);

            assertThat(missing.getMessage())
                    .contains(prefix + "tidemark_audit", "tidemark.dynamodb.auto-create=true")
                    .doesNotContain("builder", "autoCreate(");
        }
    }

    @Test
    void autoCreateOffReadsLocksAndAppendsNameTheMissingTable() {
        DynamoDbAuditStore store = store().autoCreate(false).build();

        assertThat(catchThrowableOfType(
                        ConfigurationException.class, () -> store.history().tip("c")))
                .hasMessageContaining("'" + prefix + "tidemark_audit' (audit log) does not exist");
        assertThat(catchThrowableOfType(
                        ConfigurationException.class,
                        () -> store.history().readAll("c").toList()))
                .hasMessageContaining(prefix + "tidemark_audit");
        assertThat(catchThrowableOfType(
                        ConfigurationException.class,
                        () -> store.append(TestRecords.applied("c", 1, AuditRecord.GENESIS_HASH))))
                .hasMessageContaining(prefix + "tidemark_audit");
        assertThat(catchThrowableOfType(
                        ConfigurationException.class, () -> store.lockService().inspect("k")))
                .hasMessageContaining("'" + prefix + "tidemark_lock' (lock) does not exist");
        assertThat(catchThrowableOfType(
                        ConfigurationException.class,
                        () -> store.lockService().tryAcquire("k", "me", Duration.ofMinutes(1))))
                .hasMessageContaining(prefix + "tidemark_lock");
        assertThat(tableNames()).doesNotContain(prefix + "tidemark_audit", prefix + "tidemark_lock");
    }

    @Test
    void autoCreateOnCreatesBothTablesWithTheirKeySchemaAndOnDemandBilling() {
        store().build().initialize();

        TableDescription audit = describe(prefix + "tidemark_audit");
        assertThat(audit.keySchema())
                .extracting(k -> k.attributeName() + ":" + k.keyType())
                .containsExactlyInAnyOrder("chain:" + KeyType.HASH, "seq:" + KeyType.RANGE);
        assertThat(audit.attributeDefinitions())
                .extracting(a -> a.attributeName() + ":" + a.attributeType())
                .containsExactlyInAnyOrder("chain:" + ScalarAttributeType.S, "seq:" + ScalarAttributeType.N);
        assertThat(audit.billingModeSummary().billingMode()).isEqualTo(BillingMode.PAY_PER_REQUEST);
        TableDescription lock = describe(prefix + "tidemark_lock");
        assertThat(lock.keySchema())
                .extracting(k -> k.attributeName() + ":" + k.keyType())
                .containsExactly("lockKey:" + KeyType.HASH);
        assertThat(lock.attributeDefinitions())
                .extracting(a -> a.attributeName() + ":" + a.attributeType())
                .containsExactly("lockKey:" + ScalarAttributeType.S);
        assertThat(lock.billingModeSummary().billingMode()).isEqualTo(BillingMode.PAY_PER_REQUEST);
    }

    @Test
    void provisionedBillingCreatesTablesWithTheGivenCapacity() {
        store().provisionedBilling(3, 2).build().initialize();

        for (String table : List.of(prefix + "tidemark_audit", prefix + "tidemark_lock")) {
            TableDescription description = describe(table);
            assertThat(description.provisionedThroughput().readCapacityUnits())
                    .as(table)
                    .isEqualTo(3);
            assertThat(description.provisionedThroughput().writeCapacityUnits())
                    .as(table)
                    .isEqualTo(2);
            assertThat(description.billingModeSummary() == null
                            || description.billingModeSummary().billingMode() == BillingMode.PROVISIONED)
                    .as(table)
                    .isTrue();
        }
    }

    @Test
    void customTableNamesAreUsedWithThePrefix() {
        DynamoDbAuditStore store =
                store().auditTable("deploy_log").lockTable("deploy_lock").build();

        store.initialize();

        assertThat(store.auditTableName()).isEqualTo(prefix + "deploy_log");
        assertThat(tableNames()).contains(prefix + "deploy_log", prefix + "deploy_lock");
        assertThat(store.describe()).contains(prefix + "deploy_log", prefix + "deploy_lock");
    }

    @Test
    void readsAndLocksBeforeInitializeCreateTheMissingTables() {
        DynamoDbAuditStore store = store().build();

        assertThat(store.history().tip("c")).isEmpty();
        assertThat(tableNames()).contains(prefix + "tidemark_audit");
        assertThat(store.lockService().tryAcquire("k", "me", Duration.ofMinutes(1)))
                .isPresent();
        assertThat(tableNames()).contains(prefix + "tidemark_lock");
    }

    @Test
    void autoCreateOffAcceptsTablesThatExistWithTheRightSchema() {
        store().build().initialize();
        DynamoDbAuditStore verifying = store().autoCreate(false).build();

        verifying.initialize();

        AuditRecord first = TestRecords.applied("c", 1, AuditRecord.GENESIS_HASH);
        verifying.append(first);
        assertThat(verifying.history().tip("c")).contains(first);
    }

    @Test
    void storesInitialisingTogetherAllSucceedOnOneSetOfTables() {
        List<DynamoDbAuditStore> stores = Race.run(
                Race.copies(6, index -> {
                    DynamoDbAuditStore store = store().build();
                    store.initialize();
                    return store;
                }),
                Duration.ofMinutes(1));

        assertThat(stores).hasSize(6);
        assertThat(tableNames()).contains(prefix + "tidemark_audit", prefix + "tidemark_lock");
        Lease lease = stores.get(0)
                .lockService()
                .tryAcquire("k", "first", Duration.ofMinutes(1))
                .orElseThrow();
        assertThat(stores.get(5).lockService().inspect("k")).contains(lease);
    }

    @Test
    void aTableDeletedAfterInitialiseIsCreatedAgainOnNextUse() {
        DynamoDbAuditStore store = store().build();
        store.initialize();
        client().deleteTable(r -> r.tableName(prefix + "tidemark_audit"));

        AuditRecord first = TestRecords.applied("c", 1, AuditRecord.GENESIS_HASH);
        store.append(first);

        assertThat(store.history().readAll("c").toList()).containsExactly(first);
    }

    @Test
    void invalidOptionsAreAllReportedWhenBuilding() {
        ConfigurationException invalid = catchThrowableOfType(
                ConfigurationException.class,
                () -> DynamoDbAuditStore.builder(client())
                        .tablePrefix("bad prefix/")
                        .lockTable("x")
                        .pageSize(0)
                        .provisionedBilling(0, 5)
                        .build());

        assertThat(invalid.problems()).hasSize(4);
        assertThat(invalid.getMessage())
                .contains(
                        "'bad prefix/tidemark_audit'",
                        "'bad prefix/x'",
                        "Page size 0",
                        "at least 1 read and 1 write capacity unit, got read 0 and write 5");
    }
}
