package io.tidemark.adapter.dynamodb;

import static io.tidemark.adapter.dynamodb.TransactionalChanges.order;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.tidemark.adapter.dynamodb.TransactionalChanges.InsertOnlyIfAbsent;
import io.tidemark.adapter.dynamodb.TransactionalChanges.MostWrites;
import io.tidemark.adapter.dynamodb.TransactionalChanges.Orders;
import io.tidemark.adapter.dynamodb.TransactionalChanges.SeedOrders;
import io.tidemark.adapter.dynamodb.TransactionalChanges.ShipOrders;
import io.tidemark.core.RunReport;
import io.tidemark.core.Tidemark;
import io.tidemark.core.TidemarkConfig;
import io.tidemark.core.error.ChangeFailedException;
import io.tidemark.core.error.TransactionRejectedException;
import io.tidemark.spi.AppendResult;
import io.tidemark.spi.AuditRecord;
import io.tidemark.spi.AuditState;
import io.tidemark.tck.MutableClock;
import io.tidemark.tck.TestRecords;
import io.tidemark.tck.TransactionSteps;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Transactional change units committed by a DynamoDB that executes {@code TransactWriteItems}: a
 * change's writes added to its {@link DynamoDbChangeTransaction} and its {@code APPLIED} record are
 * both stored or both absent.
 *
 * <p>dynalite lacks {@code TransactWriteItems}, so these tests run only where Docker is available
 * (moto, {@link MotoTransactionCommitTest}) or when AWS is opted into
 * ({@link AwsTransactionCommitTest}). In the default build, {@link TransactionRequestTest} checks the
 * request the adapter assembles and how it reads DynamoDB's answers, and
 * {@link TransactionalChangeTest} what needs no commit.
 */
abstract class TransactionCommitContract {

    private final MutableClock clock = MutableClock.atFixedStart();
    private Orders orders;
    private DynamoDbAuditStore store;
    private String chain;

    /** A client of the DynamoDB under test; owned by the subclass. */
    protected abstract DynamoDbClient client();

    /** Put in front of every table name the tests use (Tidemark's and the orders table). */
    protected abstract String tablePrefix();

    @BeforeEach
    void openStore() {
        orders = new Orders(tablePrefix() + "tx_orders");
        orders.createIfMissing(client());
        store = DynamoDbAuditStore.builder(client())
                .tablePrefix(tablePrefix())
                .clock(clock)
                .build();
        chain = "tx-" + Long.toHexString(System.nanoTime());
    }

    private Map<String, AttributeValue> storedOrder(String suffix) {
        return orders.stored(client(), chain, suffix);
    }

    private RunReport run(Class<?>... changes) {
        return Tidemark.builder()
                .auditStore(store)
                .configuration(TidemarkConfig.of())
                .chain(chain)
                .clock(clock)
                .sleeper(clock::advance)
                .changeUnits(changes)
                .dependency(Orders.class, orders)
                .dependency(DynamoDbClient.class, client())
                .build()
                .run();
    }

    private List<AuditState> statesOf(String changeId) {
        return store.history()
                .readAll(chain)
                .filter(r -> r.changeId().equals(changeId))
                .map(AuditRecord::state)
                .toList();
    }

    @Test
    void aSucceedingChangeCommitsItsWritesWithItsAppliedRecord() {
        RunReport report = run(SeedOrders.class);

        assertThat(report.applied()).hasSize(1);
        assertThat(storedOrder("1")).containsEntry("status", AttributeValue.fromS("NEW"));
        assertThat(storedOrder("3")).isNotEmpty();
        assertThat(statesOf("seed-orders")).containsExactly(AuditState.STARTED, AuditState.APPLIED);
        assertThat(store.history()
                        .readAll(chain)
                        .filter(r -> r.changeId().equals("seed-orders"))
                        .reduce((a, b) -> b)
                        .orElseThrow()
                        .isTransactional())
                .isTrue();
    }

    @Test
    void aFailingChangeLeavesNeitherItsWritesNorAnAppliedRecordAndRunsAgainNextTime() {
        run(SeedOrders.class);
        orders.failAfterWriting().set(true);

        ChangeFailedException failure =
                catchThrowableOfType(ChangeFailedException.class, () -> run(SeedOrders.class, ShipOrders.class));

        assertThat(failure.getCause()).hasMessage("warehouse service said no");
        assertThat(storedOrder("1")).containsEntry("status", AttributeValue.fromS("NEW"));
        assertThat(storedOrder("2")).isNotEmpty();
        assertThat(storedOrder("4")).isEmpty();
        assertThat(statesOf("ship-orders")).containsExactly(AuditState.STARTED, AuditState.FAILED);

        orders.failAfterWriting().set(false);
        RunReport next = run(SeedOrders.class, ShipOrders.class);

        assertThat(next.applied()).extracting(r -> r.changeId()).containsExactly("ship-orders");
        assertThat(storedOrder("1")).containsEntry("status", AttributeValue.fromS("SHIPPED"));
        assertThat(storedOrder("2")).isEmpty();
        assertThat(storedOrder("4")).isNotEmpty();
        assertThat(statesOf("ship-orders"))
                .containsExactly(AuditState.STARTED, AuditState.FAILED, AuditState.STARTED, AuditState.APPLIED);
    }

    @Test
    void aFailedConditionOfTheChangeRejectsTheWholeTransactionNamingTheWrite() {
        run(SeedOrders.class);

        ChangeFailedException failure = catchThrowableOfType(
                ChangeFailedException.class, () -> run(SeedOrders.class, InsertOnlyIfAbsent.class));

        assertThat(failure.getCause())
                .isInstanceOf(TransactionRejectedException.class)
                .hasMessageContaining("insert-existing")
                .hasMessageContaining("write #2 (Put on table '" + orders.table() + "'): ConditionalCheckFailed")
                .hasMessageContaining("Nothing was committed");
        assertThat(storedOrder("5")).isEmpty();
        assertThat(storedOrder("1")).containsEntry("status", AttributeValue.fromS("NEW"));
        AuditRecord failed = store.history()
                .readAll(chain)
                .filter(r -> r.changeId().equals("insert-existing"))
                .reduce((a, b) -> b)
                .orElseThrow();
        assertThat(failed.state()).isEqualTo(AuditState.FAILED);
        assertThat(failed.errorType()).isEqualTo(TransactionRejectedException.class.getName());
        assertThat(statesOf("insert-existing")).doesNotContain(AuditState.APPLIED);
    }

    @Test
    void aChangeUsingTheWholeLimitCommits() {
        run(MostWrites.class);

        assertThat(storedOrder("most-0")).isNotEmpty();
        assertThat(storedOrder("most-" + (DynamoDbChangeTransaction.MAX_WRITES - 1)))
                .isNotEmpty();
        assertThat(statesOf("most-writes")).containsExactly(AuditState.STARTED, AuditState.APPLIED);
    }

    @Test
    void aTakenSequenceIsAConflictAndCommitsNothing() throws Exception {
        store.initialize();
        AuditRecord first = TestRecords.applied(chain, 1, AuditRecord.GENESIS_HASH);
        store.append(first);
        DynamoDbTransactionSupport transactions =
                (DynamoDbTransactionSupport) store.transactions().orElseThrow();

        AppendResult result = TransactionSteps.runAndAppend(
                transactions,
                transaction -> transaction.put(orders.table(), order(chain + "#rival", "NEW")),
                () -> TestRecords.record(chain, 1, AuditRecord.GENESIS_HASH, "rival", AuditState.APPLIED, "other"));

        assertThat(result).isEqualTo(new AppendResult.SequenceConflict(chain, 1));
        assertThat(storedOrder("rival")).isEmpty();
        assertThat(store.history().readAll(chain).toList()).containsExactly(first);
    }
}
