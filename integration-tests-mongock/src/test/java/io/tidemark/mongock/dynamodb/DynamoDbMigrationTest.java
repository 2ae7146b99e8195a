package io.tidemark.mongock.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.amazonaws.auth.AWSStaticCredentialsProvider;
import com.amazonaws.auth.BasicAWSCredentials;
import com.amazonaws.client.builder.AwsClientBuilder.EndpointConfiguration;
import com.amazonaws.services.dynamodbv2.AmazonDynamoDB;
import com.amazonaws.services.dynamodbv2.AmazonDynamoDBClient;
import com.amazonaws.services.dynamodbv2.AmazonDynamoDBClientBuilder;
import com.amazonaws.services.dynamodbv2.model.AttributeValue;
import com.amazonaws.services.dynamodbv2.model.ScanRequest;
import io.mongock.driver.dynamodb.driver.DynamoDBDriver;
import io.mongock.runner.standalone.MongockStandalone;
import io.tidemark.adapter.dynamodb.DynamoDbAuditStore;
import io.tidemark.adapter.dynamodb.testing.DynaliteServer;
import io.tidemark.core.ChangeResult;
import io.tidemark.core.Tidemark;
import io.tidemark.core.TidemarkConfig;
import io.tidemark.core.error.ConfigurationException;
import io.tidemark.core.operator.MongockImport;
import io.tidemark.core.operator.OperatorApi;
import io.tidemark.mongock.units.FailSwitch;
import io.tidemark.spi.AuditRecord;
import io.tidemark.spi.AuditState;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The real Mongock 5.5.0 with its DynamoDB driver (AWS SDK v1) runs change units against dynalite and
 * writes its change log table; Tidemark imports it and runs the same classes, unchanged. Each test has
 * its own dynalite server, since Mongock's table names are fixed.
 */
class DynamoDbMigrationTest {

    private static final List<Class<?>> UNITS = List.of(CreateOrders.class, SeedOrders.class);
    private static final List<String> EFFECTS = List.of("create-orders", "seed-orders", "add-status");

    private DynaliteServer server;
    private AmazonDynamoDBClient v1;

    @BeforeEach
    void start() {
        server = DynaliteServer.start();
        v1 = (AmazonDynamoDBClient) AmazonDynamoDBClientBuilder.standard()
                .withEndpointConfiguration(
                        new EndpointConfiguration(server.endpoint().toString(), DynaliteServer.REGION))
                .withCredentials(new AWSStaticCredentialsProvider(new BasicAWSCredentials("test", "test")))
                .build();
        Counters.createTable(v1);
        server.awaitActive(Counters.TABLE);
    }

    @AfterEach
    void stop() {
        v1.shutdown();
        server.close();
    }

    private void runMongock(List<Class<?>> units, Set<String> failing) {
        FailSwitch failSwitch = failing::contains;
        MongockStandalone.builder()
                .setDriver(DynamoDBDriver.withDefaultLock(v1))
                .addMigrationClasses(units)
                .addDependency(AmazonDynamoDB.class, v1)
                .addDependency(FailSwitch.class, failSwitch)
                .setTransactional(false)
                .setTrackIgnored(true)
                .buildRunner()
                .execute();
    }

    private DynamoDbAuditStore store() {
        return DynamoDbAuditStore.builder(server.client())
                .tablePrefix("tidemark_" + UUID.randomUUID().toString().substring(0, 8) + "_")
                .build();
    }

    private static OperatorApi operator(DynamoDbAuditStore store) {
        return Tidemark.builder()
                .auditStore(store)
                .configuration(TidemarkConfig.of())
                .buildOperator();
    }

    private Tidemark tidemark(DynamoDbAuditStore store, List<Class<?>> units) {
        return Tidemark.builder()
                .auditStore(store)
                .configuration(TidemarkConfig.of())
                .changeUnits(units.toArray(Class<?>[]::new))
                .dependency(AmazonDynamoDB.class, v1)
                .dependency(FailSwitch.class, FailSwitch.none())
                .build();
    }

    private Map<String, Integer> effects() {
        return EFFECTS.stream().collect(Collectors.toMap(e -> e, e -> Counters.count(v1, e)));
    }

    private List<String> mongockStates() {
        return v1.scan(new ScanRequest().withTableName("mongockChangeLog").withConsistentRead(true)).getItems().stream()
                .filter(item -> !isSystemChange(item))
                .map(item ->
                        item.get("changeId").getS() + ":" + item.get("state").getS())
                .toList();
    }

    private static boolean isSystemChange(Map<String, AttributeValue> item) {
        AttributeValue flag = item.get("systemChange");
        return flag != null && Boolean.TRUE.equals(flag.getBOOL());
    }

    private static List<AuditRecord> history(OperatorApi operator) {
        try (Stream<AuditRecord> records = operator.history()) {
            return records.toList();
        }
    }

    @Test
    void mongocksTableIsImportedAndTidemarkRunsTheSameClassesWithEachEffectOnce() {
        Throwable stopped = catchThrowable(() -> runMongock(UNITS, Set.of("seed-orders")));
        assertThat(stopped).as("Mongock stops at the failed change unit").isNotNull();
        runMongock(UNITS, Set.of());
        assertThat(mongockStates())
                .as("Mongock's change log, as the real driver wrote it")
                .containsExactlyInAnyOrder(
                        "create-orders:EXECUTED",
                        "seed-orders:ROLLED_BACK",
                        "create-orders:IGNORED",
                        "seed-orders:EXECUTED");
        DynamoDbAuditStore store = store();

        MongockImport imported;
        try (OperatorApi operator = operator(store)) {
            imported = operator.importMongock(
                    store.mongockChangeLog("mongockChangeLog").orElseThrow(), "ops");
            assertThat(history(operator))
                    .extracting(AuditRecord::changeId, AuditRecord::state)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple("create-orders", AuditState.MARKED_APPLIED),
                            org.assertj.core.groups.Tuple.tuple("seed-orders", AuditState.ROLLED_BACK),
                            org.assertj.core.groups.Tuple.tuple("seed-orders", AuditState.MARKED_APPLIED));
        }
        assertThat(imported.markedApplied()).isEqualTo(2);
        assertThat(imported.rolledBack()).isEqualTo(1);
        assertThat(imported.ignored()).isEqualTo(1);
        assertThat(imported.issues()).isEmpty();
        assertThat(imported.verification().isIntact()).isTrue();

        List<Class<?>> withNewUnit = List.of(CreateOrders.class, SeedOrders.class, AddStatus.class);
        Tidemark tidemark = tidemark(store, withNewUnit);

        assertThat(tidemark.run().applied()).extracting(ChangeResult::changeId).containsExactly("add-status");
        assertThat(effects())
                .as("each change's effect exactly once across both tools")
                .isEqualTo(Map.of("create-orders", 1, "seed-orders", 1, "add-status", 1));
        assertThat(tidemark.operator().verify().isIntact()).isTrue();
        assertThat(tidemark(store, withNewUnit).run().applied()).isEmpty();
        assertThat(effects().values()).containsOnly(1);
    }

    @Test
    void aMissingTableIsRefusedAndNothingIsWritten() {
        DynamoDbAuditStore store = store();
        try (OperatorApi operator = operator(store)) {
            ConfigurationException refused = catchThrowableOfType(
                    ConfigurationException.class,
                    () -> operator.importMongock(
                            store.mongockChangeLog("mongockChangeLog").orElseThrow(), "ops"));

            assertThat(refused).hasMessageContaining("mongockChangeLog");
            assertThat(history(operator)).isEmpty();
        }
    }
}
