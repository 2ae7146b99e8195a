package io.tidemark.adapter.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.tidemark.adapter.dynamodb.testing.InProcessDynamoDbLocal;
import io.tidemark.api.ChangeContext;
import io.tidemark.api.ChangeUnit;
import io.tidemark.api.Execution;
import io.tidemark.core.Tidemark;
import io.tidemark.core.config.TidemarkConfig;
import io.tidemark.core.error.ChangeFailedException;
import io.tidemark.core.error.TransactionRejectedException;
import io.tidemark.core.model.AppendResult;
import io.tidemark.core.model.AuditRecord;
import io.tidemark.core.model.AuditState;
import io.tidemark.core.model.RunReport;
import io.tidemark.tck.MutableClock;
import io.tidemark.tck.TestRecords;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * Transactional change units on DynamoDB Local in-process: a change's writes added to its
 * {@link DynamoDbChangeTransaction} and its {@code APPLIED} record are both stored or both absent.
 */
class TransactionalChangeTest {

    static final String ORDERS = "tx_orders";

    private static InProcessDynamoDbLocal dynamo;
    private final MutableClock clock = MutableClock.atFixedStart();
    private DynamoDbAuditStore store;
    private String chain;
    private Switches switches;

    /** Lets a test make a change fail; registered as a dependency of the change units. */
    public static final class Switches {
        final AtomicBoolean failAfterWriting = new AtomicBoolean();
    }

    @BeforeAll
    static void startDynamoDbLocal() {
        dynamo = InProcessDynamoDbLocal.start();
        dynamo.client().createTable(r -> r.tableName(ORDERS).billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(AttributeDefinition.builder().attributeName("orderId").attributeType(ScalarAttributeType.S).build())
                .keySchema(KeySchemaElement.builder().attributeName("orderId").keyType(KeyType.HASH).build()));
    }

    @AfterAll
    static void stopDynamoDbLocal() {
        dynamo.close();
    }

    @BeforeEach
    void openStore() {
        store = DynamoDbAuditStore.builder(dynamo.client()).clock(clock).build();
        chain = "tx-" + Long.toHexString(System.nanoTime());
        switches = new Switches();
    }

    static Map<String, AttributeValue> order(String id, String status) {
        return Map.of("orderId", AttributeValue.fromS(id), "status", AttributeValue.fromS(status));
    }

    static String orderId(ChangeContext context, String suffix) {
        return context.chain() + "#" + suffix;
    }

    private Map<String, AttributeValue> storedOrder(String suffix) {
        return dynamo.client().getItem(g -> g.tableName(ORDERS).consistentRead(true)
                .key(Map.of("orderId", AttributeValue.fromS(chain + "#" + suffix)))).item();
    }

    private RunReport run(Class<?>... changes) {
        return Tidemark.builder().auditStore(store).configuration(TidemarkConfig.of()).chain(chain).clock(clock)
                .sleeper(clock::advance).changeUnits(changes).dependency(Switches.class, switches)
                .dependency(DynamoDbClient.class, dynamo.client()).build().run();
    }

    private List<AuditState> statesOf(String changeId) {
        return store.history().recordsOf(chain, changeId).stream().map(AuditRecord::state).toList();
    }

    @ChangeUnit(id = "seed-orders", order = "1", author = "test")
    public static final class SeedOrders {
        @Execution
        public void apply(DynamoDbChangeTransaction transaction, ChangeContext context) {
            transaction.put(ORDERS, order(orderId(context, "1"), "NEW"));
            transaction.put(ORDERS, order(orderId(context, "2"), "NEW"));
            transaction.put(p -> p.tableName(ORDERS).item(order(orderId(context, "3"), "NEW")));
        }
    }

    @ChangeUnit(id = "ship-orders", order = "2", author = "test")
    public static final class ShipOrders {
        @Execution
        public void apply(DynamoDbChangeTransaction transaction, ChangeContext context, Switches switches) {
            transaction.update(u -> u.tableName(ORDERS).key(Map.of("orderId", AttributeValue.fromS(orderId(context, "1"))))
                    .updateExpression("SET #status = :shipped").expressionAttributeNames(Map.of("#status", "status"))
                    .expressionAttributeValues(Map.of(":shipped", AttributeValue.fromS("SHIPPED"))));
            transaction.delete(d -> d.tableName(ORDERS).key(Map.of("orderId", AttributeValue.fromS(orderId(context, "2")))));
            transaction.put(ORDERS, order(orderId(context, "4"), "NEW"));
            if (switches.failAfterWriting.get()) {
                throw new IllegalStateException("warehouse service said no");
            }
        }
    }

    @ChangeUnit(id = "insert-existing", order = "3", author = "test")
    public static final class InsertOnlyIfAbsent {
        @Execution
        public void apply(DynamoDbChangeTransaction transaction, ChangeContext context) {
            transaction.put(ORDERS, order(orderId(context, "5"), "NEW"));
            transaction.put(p -> p.tableName(ORDERS).item(order(orderId(context, "1"), "DUPLICATE"))
                    .conditionExpression("attribute_not_exists(orderId)"));
        }
    }

    @ChangeUnit(id = "too-many-writes", order = "4", author = "test")
    public static final class TooManyWrites {
        @Execution
        public void apply(DynamoDbChangeTransaction transaction, ChangeContext context) {
            for (int i = 0; i <= DynamoDbChangeTransaction.MAX_WRITES; i++) {
                transaction.put(ORDERS, order(orderId(context, "bulk-" + i), "NEW"));
            }
        }
    }

    @ChangeUnit(id = "most-writes", order = "5", author = "test")
    public static final class MostWrites {
        @Execution
        public void apply(DynamoDbChangeTransaction transaction, ChangeContext context) {
            for (int i = 0; i < DynamoDbChangeTransaction.MAX_WRITES; i++) {
                transaction.put(ORDERS, order(orderId(context, "most-" + i), "NEW"));
            }
        }
    }

    @Test
    void aSucceedingChangeCommitsItsWritesWithItsAppliedRecord() {
        RunReport report = run(SeedOrders.class);

        assertThat(report.applied()).hasSize(1);
        assertThat(storedOrder("1")).containsEntry("status", AttributeValue.fromS("NEW"));
        assertThat(storedOrder("3")).isNotEmpty();
        assertThat(statesOf("seed-orders")).containsExactly(AuditState.STARTED, AuditState.APPLIED);
        assertThat(store.history().latestOf(chain, "seed-orders").orElseThrow().isTransactional()).isTrue();
    }

    @Test
    void aFailingChangeLeavesNeitherItsWritesNorAnAppliedRecordAndRunsAgainNextTime() {
        run(SeedOrders.class);
        switches.failAfterWriting.set(true);

        ChangeFailedException failure = catchThrowableOfType(ChangeFailedException.class,
                () -> run(SeedOrders.class, ShipOrders.class));

        assertThat(failure.getCause()).hasMessage("warehouse service said no");
        assertThat(storedOrder("1")).containsEntry("status", AttributeValue.fromS("NEW"));
        assertThat(storedOrder("2")).isNotEmpty();
        assertThat(storedOrder("4")).isEmpty();
        assertThat(statesOf("ship-orders")).containsExactly(AuditState.STARTED, AuditState.FAILED);

        switches.failAfterWriting.set(false);
        RunReport next = run(SeedOrders.class, ShipOrders.class);

        assertThat(next.applied()).extracting(r -> r.changeId()).containsExactly("ship-orders");
        assertThat(storedOrder("1")).containsEntry("status", AttributeValue.fromS("SHIPPED"));
        assertThat(storedOrder("2")).isEmpty();
        assertThat(storedOrder("4")).isNotEmpty();
        assertThat(statesOf("ship-orders")).containsExactly(AuditState.STARTED, AuditState.FAILED, AuditState.STARTED,
                AuditState.APPLIED);
    }

    @Test
    void aFailedConditionOfTheChangeRejectsTheWholeTransactionNamingTheWrite() {
        run(SeedOrders.class);

        ChangeFailedException failure = catchThrowableOfType(ChangeFailedException.class,
                () -> run(SeedOrders.class, InsertOnlyIfAbsent.class));

        assertThat(failure.getCause()).isInstanceOf(TransactionRejectedException.class)
                .hasMessageContaining("insert-existing")
                .hasMessageContaining("write #2 (Put on table '" + ORDERS + "'): ConditionalCheckFailed")
                .hasMessageContaining("Nothing was committed");
        assertThat(storedOrder("5")).isEmpty();
        assertThat(storedOrder("1")).containsEntry("status", AttributeValue.fromS("NEW"));
        AuditRecord failed = store.history().latestOf(chain, "insert-existing").orElseThrow();
        assertThat(failed.state()).isEqualTo(AuditState.FAILED);
        assertThat(failed.errorType()).isEqualTo(TransactionRejectedException.class.getName());
        assertThat(statesOf("insert-existing")).doesNotContain(AuditState.APPLIED);
    }

    @Test
    void aChangeAddingMoreThanTheLimitFailsClearlyWithoutWriting() {
        ChangeFailedException failure = catchThrowableOfType(ChangeFailedException.class,
                () -> run(TooManyWrites.class));

        assertThat(failure.getCause()).isInstanceOf(TransactionRejectedException.class)
                .hasMessageContaining("at most 99 writes").hasMessageContaining("Split it");
        assertThat(storedOrder("bulk-0")).isEmpty();
        assertThat(statesOf("too-many-writes")).containsExactly(AuditState.STARTED, AuditState.FAILED);
    }

    @Test
    void aChangeUsingTheWholeLimitCommits() {
        run(MostWrites.class);

        assertThat(storedOrder("most-0")).isNotEmpty();
        assertThat(storedOrder("most-" + (DynamoDbChangeTransaction.MAX_WRITES - 1))).isNotEmpty();
        assertThat(statesOf("most-writes")).containsExactly(AuditState.STARTED, AuditState.APPLIED);
    }

    @Test
    void aTakenSequenceIsAConflictAndCommitsNothing() throws Exception {
        store.initialize();
        AuditRecord first = TestRecords.applied(chain, 1, AuditRecord.GENESIS_HASH);
        store.append(first);
        DynamoDbTransactionSupport transactions = (DynamoDbTransactionSupport) store.transactions().orElseThrow();

        AppendResult result = transactions.runAndAppend(
                transaction -> transaction.put(ORDERS, order(chain + "#rival", "NEW")),
                () -> TestRecords.record(chain, 1, AuditRecord.GENESIS_HASH, "rival", AuditState.APPLIED, "other"));

        assertThat(result).isEqualTo(new AppendResult.SequenceConflict(chain, 1));
        assertThat(storedOrder("rival")).isEmpty();
        assertThat(store.history().readAll(chain).toList()).containsExactly(first);
    }

    @Test
    void theChangesOwnExceptionPropagatesUnchangedAndNothingIsSent() {
        DynamoDbTransactionSupport transactions = (DynamoDbTransactionSupport) store.transactions().orElseThrow();
        Exception own = new java.io.IOException("disk full");
        AtomicBoolean recordAsked = new AtomicBoolean();

        Throwable thrown = catchThrowable(() -> transactions.runAndAppend(transaction -> {
            transaction.put(ORDERS, order(chain + "#never", "NEW"));
            throw own;
        }, () -> {
            recordAsked.set(true);
            return TestRecords.applied(chain, 1, AuditRecord.GENESIS_HASH);
        }));

        assertThat(thrown).isSameAs(own);
        assertThat(recordAsked).isFalse();
        assertThat(storedOrder("never")).isEmpty();
    }

    @Test
    void aHandleKeptAfterItsChangeEndedRefusesWrites() throws Exception {
        store.initialize();
        DynamoDbTransactionSupport transactions = (DynamoDbTransactionSupport) store.transactions().orElseThrow();
        DynamoDbChangeTransaction[] kept = new DynamoDbChangeTransaction[1];
        transactions.runAndAppend(transaction -> kept[0] = transaction,
                () -> TestRecords.applied(chain, 1, AuditRecord.GENESIS_HASH));

        assertThat(catchThrowable(() -> kept[0].put(ORDERS, order(chain + "#late", "NEW"))))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("has ended");
    }
}
