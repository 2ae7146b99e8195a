package io.tidemark.adapter.dynamodb;

import static io.tidemark.adapter.dynamodb.TransactionalChanges.order;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.tidemark.adapter.dynamodb.TransactionalChanges.Orders;
import io.tidemark.adapter.dynamodb.TransactionalChanges.SeedOrders;
import io.tidemark.adapter.dynamodb.TransactionalChanges.TooManyWrites;
import io.tidemark.adapter.dynamodb.testing.DynaliteServer;
import io.tidemark.core.RunReport;
import io.tidemark.core.Tidemark;
import io.tidemark.core.TidemarkConfig;
import io.tidemark.core.chain.VerificationResult;
import io.tidemark.core.error.ChangeFailedException;
import io.tidemark.core.error.TransactionRejectedException;
import io.tidemark.spi.AuditRecord;
import io.tidemark.spi.AuditState;
import io.tidemark.tck.MutableClock;
import io.tidemark.tck.TestRecords;
import io.tidemark.tck.TransactionSteps;
import io.tidemark.tck.Verify;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Transactional change units on dynalite, in what needs no commit: the handle's limits, a change
 * that throws, a handle kept too long, and what a DynamoDB without {@code TransactWriteItems}
 * (dynalite itself) makes of a transactional change. What a commit does is proven by
 * {@link TransactionCommitContract} on moto and AWS.
 */
class TransactionalChangeTest {

    private static DynaliteServer dynamo;
    private static Orders orders;
    private final MutableClock clock = MutableClock.atFixedStart();
    private DynamoDbAuditStore store;
    private String chain;

    @BeforeAll
    static void startDynalite() {
        dynamo = DynaliteServer.start();
        orders = new Orders("tx_orders");
        orders.createIfMissing(dynamo.client());
    }

    @AfterAll
    static void stopDynalite() {
        dynamo.close();
    }

    @BeforeEach
    void openStore() {
        store = DynamoDbAuditStore.builder(dynamo.client()).clock(clock).build();
        chain = "tx-" + Long.toHexString(System.nanoTime());
    }

    private Map<String, AttributeValue> storedOrder(String suffix) {
        return orders.stored(dynamo.client(), chain, suffix);
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
                .dependency(DynamoDbClient.class, dynamo.client())
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
    void aChangeAddingMoreThanTheLimitFailsClearlyWithoutWriting() {
        ChangeFailedException failure =
                catchThrowableOfType(ChangeFailedException.class, () -> run(TooManyWrites.class));

        assertThat(failure.getCause())
                .isInstanceOf(TransactionRejectedException.class)
                .hasMessageContaining("at most 99 writes")
                .hasMessageContaining("Split it");
        assertThat(storedOrder("bulk-0")).isEmpty();
        assertThat(statesOf("too-many-writes")).containsExactly(AuditState.STARTED, AuditState.FAILED);
    }

    @Test
    void theChangesOwnExceptionPropagatesUnchangedAndNothingIsSent() {
        DynamoDbTransactionSupport transactions =
                (DynamoDbTransactionSupport) store.transactions().orElseThrow();
        Exception own = new java.io.IOException("disk full");
        AtomicBoolean recordAsked = new AtomicBoolean();

        Throwable thrown = catchThrowable(() -> TransactionSteps.runAndAppend(
                transactions,
                transaction -> {
                    transaction.put(orders.table(), order(chain + "#never", "NEW"));
                    throw own;
                },
                () -> {
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
        DynamoDbTransactionSupport transactions =
                (DynamoDbTransactionSupport) store.transactions().orElseThrow();
        DynamoDbChangeTransaction[] kept = new DynamoDbChangeTransaction[1];
        TransactionSteps.runAndAppend(
                transactions,
                transaction -> kept[0] = transaction,
                () -> TestRecords.applied(chain, 1, AuditRecord.GENESIS_HASH));

        assertThat(catchThrowable(() -> kept[0].put(orders.table(), order(chain + "#late", "NEW"))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("has ended");
    }

    @Test
    void onADynamoDbWithoutTransactionsTheChangeFailsSayingSoAndRunsAgainLater() {
        ChangeFailedException failure = catchThrowableOfType(ChangeFailedException.class, () -> run(SeedOrders.class));

        assertThat(failure.getCause())
                .isInstanceOf(TransactionRejectedException.class)
                .hasMessageContaining("does not implement TransactWriteItems")
                .hasMessageContaining("'seed-orders'")
                .hasMessageContaining(dynamo.endpoint().toString())
                .hasMessageContaining("Nothing was committed")
                .hasMessageContaining("moto");
        assertThat(storedOrder("1")).isEmpty();
        assertThat(statesOf("seed-orders")).containsExactly(AuditState.STARTED, AuditState.FAILED);
        assertThat(Verify.chain(store, chain)).isInstanceOf(VerificationResult.Intact.class);

        ChangeFailedException again = catchThrowableOfType(ChangeFailedException.class, () -> run(SeedOrders.class));

        assertThat(again)
                .as("a FAILED transactional change is run again, not reported as an issue")
                .isNotNull();
        assertThat(statesOf("seed-orders"))
                .containsExactly(AuditState.STARTED, AuditState.FAILED, AuditState.STARTED, AuditState.FAILED);
    }
}
