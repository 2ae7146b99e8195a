package io.tidemark.adapter.dynamodb;

import static io.tidemark.adapter.dynamodb.TransactionalChanges.key;
import static io.tidemark.adapter.dynamodb.TransactionalChanges.order;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.tidemark.adapter.dynamodb.TransactionalChanges.Orders;
import io.tidemark.adapter.dynamodb.TransactionalChanges.SeedOrders;
import io.tidemark.adapter.dynamodb.testing.DynaliteServer;
import io.tidemark.adapter.dynamodb.testing.RequestLog;
import io.tidemark.adapter.dynamodb.testing.TransactWriteItemsCapture;
import io.tidemark.core.Tidemark;
import io.tidemark.core.TidemarkConfig;
import io.tidemark.core.chain.VerificationResult;
import io.tidemark.core.error.ChangeFailedException;
import io.tidemark.core.error.StoreUnavailableException;
import io.tidemark.core.error.TransactionRejectedException;
import io.tidemark.spi.AppendResult;
import io.tidemark.spi.AuditRecord;
import io.tidemark.spi.AuditState;
import io.tidemark.tck.MutableClock;
import io.tidemark.tck.TestRecords;
import io.tidemark.tck.TransactionSteps;
import io.tidemark.tck.Verify;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionCheck;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * The {@code TransactWriteItems} request the adapter assembles for a transactional change, and
 * what it makes of each answer DynamoDB documents, in the default build: the request is sent over
 * HTTP to dynalite, captured as the SDK request object by {@link TransactWriteItemsCapture}, and
 * dynalite's "unknown operation" is replaced with the answer under test. That DynamoDB really
 * commits such a request all or nothing is proven by {@link TransactionCommitContract} (moto, AWS).
 */
class TransactionRequestTest {

    private static final String ACCOUNTS = "tx_accounts";

    private static DynaliteServer dynamo;
    private static Orders orders;
    private final MutableClock clock = MutableClock.atFixedStart();
    private DynamoDbClient client;
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
    void freshChain() {
        chain = "req-" + Long.toHexString(System.nanoTime());
    }

    @AfterEach
    void closeClient() {
        if (client != null) {
            client.close();
        }
    }

    private DynamoDbAuditStore store(ExecutionInterceptor... interceptors) {
        client = dynamo.clients().create(o -> {
            for (ExecutionInterceptor interceptor : interceptors) {
                o.addExecutionInterceptor(interceptor);
            }
        });
        return DynamoDbAuditStore.builder(client).clock(clock).build();
    }

    private static DynamoDbTransactionSupport transactions(DynamoDbAuditStore store) {
        return (DynamoDbTransactionSupport) store.transactions().orElseThrow();
    }

    private AuditRecord appliedAtOne() {
        return TestRecords.record(chain, 1, AuditRecord.GENESIS_HASH, "ship-orders", AuditState.APPLIED, "run-1");
    }

    @Test
    void theChangesWritesComeFirstInTheOrderAddedThenTheAppliedRecordsPutConditionalOnItsSequence() throws Exception {
        TransactWriteItemsCapture capture = TransactWriteItemsCapture.answeringSuccess();
        DynamoDbAuditStore store = store(capture);
        Put put = Put.builder()
                .tableName(orders.table())
                .item(order(chain + "#1", "NEW"))
                .build();
        Update update = Update.builder()
                .tableName(orders.table())
                .key(key(chain + "#2"))
                .updateExpression("SET #status = :shipped")
                .expressionAttributeNames(Map.of("#status", "status"))
                .expressionAttributeValues(Map.of(":shipped", AttributeValue.fromS("SHIPPED")))
                .build();
        Delete delete = Delete.builder()
                .tableName(orders.table())
                .key(key(chain + "#3"))
                .build();
        ConditionCheck check = ConditionCheck.builder()
                .tableName(ACCOUNTS)
                .key(Map.of("accountId", AttributeValue.fromS("a-1")))
                .conditionExpression("attribute_exists(accountId)")
                .build();
        AuditRecord applied = appliedAtOne();

        AppendResult result = TransactionSteps.runAndAppend(
                transactions(store),
                transaction ->
                        transaction.put(put).update(update).delete(delete).conditionCheck(check),
                () -> applied);

        assertThat(result).isEqualTo(new AppendResult.Appended(1));
        assertThat(capture.requests()).hasSize(1);
        List<TransactWriteItem> items = capture.requests().get(0).transactItems();
        assertThat(items).hasSize(5);
        assertThat(items.get(0).put()).isEqualTo(put);
        assertThat(items.get(1).update()).isEqualTo(update);
        assertThat(items.get(2).delete()).isEqualTo(delete);
        assertThat(items.get(3).conditionCheck()).isEqualTo(check);
        Put audit = items.get(4).put();
        assertThat(audit.tableName()).isEqualTo("tidemark_audit");
        assertThat(audit.item()).isEqualTo(DynamoDbRecordCodec.toItem(applied));
        assertThat(audit.item())
                .containsEntry("chain", AttributeValue.fromS(chain))
                .containsEntry("seq", AttributeValue.fromN("1"))
                .containsEntry("state", AttributeValue.fromS("APPLIED"));
        assertThat(audit.conditionExpression()).isEqualTo("attribute_not_exists(#seq)");
        assertThat(audit.expressionAttributeNames()).isEqualTo(Map.of("#seq", "seq"));
        assertThat(audit.hasExpressionAttributeValues()).isFalse();
    }

    @Test
    void theAppliedRecordGoesToTheConfiguredAuditTableAndTheChangesWritesKeepTheirTables() throws Exception {
        TransactWriteItemsCapture capture = TransactWriteItemsCapture.answeringSuccess();
        client = dynamo.clients().create(o -> o.addExecutionInterceptor(capture));
        DynamoDbAuditStore store = DynamoDbAuditStore.builder(client)
                .tablePrefix("app_")
                .auditTable("deploy_log")
                .clock(clock)
                .build();

        TransactionSteps.runAndAppend(
                transactions(store),
                transaction -> transaction
                        .put(orders.table(), order(chain + "#1", "NEW"))
                        .put(ACCOUNTS, Map.of("accountId", AttributeValue.fromS("a-1"))),
                this::appliedAtOne);

        TransactWriteItemsRequest request = capture.requests().get(0);
        assertThat(request.transactItems())
                .extracting(item -> item.put().tableName())
                .containsExactly(orders.table(), ACCOUNTS, "app_deploy_log");
    }

    @Test
    void theEngineAsksToCommitTheAppliedRecordAtTheSequenceAfterItsStartedRecord() {
        TransactWriteItemsCapture capture =
                TransactWriteItemsCapture.answeringCancelled("ConditionalCheckFailed", "None", "None", "None");
        DynamoDbAuditStore store = store(capture);

        ChangeFailedException failure = catchThrowableOfType(
                ChangeFailedException.class,
                () -> Tidemark.builder()
                        .auditStore(store)
                        .configuration(TidemarkConfig.of())
                        .chain(chain)
                        .clock(clock)
                        .sleeper(clock::advance)
                        .changeUnits(SeedOrders.class)
                        .dependency(Orders.class, orders)
                        .build()
                        .run());

        assertThat(failure.getCause()).isInstanceOf(TransactionRejectedException.class);
        List<AuditRecord> history = store.history().readAll(chain).toList();
        assertThat(history).extracting(AuditRecord::state).containsExactly(AuditState.STARTED, AuditState.FAILED);
        AuditRecord started = history.get(0);
        assertThat(capture.requests()).hasSize(1);
        List<TransactWriteItem> items = capture.requests().get(0).transactItems();
        assertThat(items).hasSize(4);
        assertThat(items.subList(0, 3))
                .allSatisfy(item -> assertThat(item.put().tableName()).isEqualTo(orders.table()))
                .extracting(item -> item.put().item().get("orderId").s())
                .containsExactly(chain + "#1", chain + "#2", chain + "#3");
        Put audit = items.get(3).put();
        AuditRecord proposed = DynamoDbRecordCodec.fromItem(audit.item(), "the captured request");
        assertThat(proposed.seq()).isEqualTo(started.seq() + 1);
        assertThat(proposed.state()).isEqualTo(AuditState.APPLIED);
        assertThat(proposed.changeId()).isEqualTo("seed-orders");
        assertThat(proposed.executionId()).isEqualTo(started.executionId());
        assertThat(proposed.previousHash()).isEqualTo(started.hash());
        assertThat(proposed.isTransactional()).isTrue();
        assertThat(audit.conditionExpression()).isEqualTo("attribute_not_exists(#seq)");
        assertThat(history.get(1).seq())
                .as("the FAILED record takes the sequence the APPLIED one would have had")
                .isEqualTo(proposed.seq());
        assertThat(Verify.chain(store, chain)).isInstanceOf(VerificationResult.Intact.class);
    }

    @Test
    void aFailedConditionOnTheAppliedRecordIsASequenceConflict() throws Exception {
        DynamoDbAuditStore store =
                store(TransactWriteItemsCapture.answeringCancelled("None", "ConditionalCheckFailed"));

        AppendResult result = TransactionSteps.runAndAppend(
                transactions(store),
                transaction -> transaction.put(orders.table(), order(chain + "#1", "NEW")),
                this::appliedAtOne);

        assertThat(result).isEqualTo(new AppendResult.SequenceConflict(chain, 1));
    }

    @Test
    void aFailedConditionOfAChangesWriteIsARejectionNamingThatWrite() {
        DynamoDbAuditStore store =
                store(TransactWriteItemsCapture.answeringCancelled("None", "ConditionalCheckFailed", "None"));

        TransactionRejectedException rejected = catchThrowableOfType(
                TransactionRejectedException.class,
                () -> TransactionSteps.runAndAppend(
                        transactions(store),
                        transaction -> transaction
                                .put(orders.table(), order(chain + "#1", "NEW"))
                                .update(u -> u.tableName(orders.table())
                                        .key(key(chain + "#2"))
                                        .updateExpression("SET #s = :s")
                                        .conditionExpression("attribute_exists(orderId)")
                                        .expressionAttributeNames(Map.of("#s", "status"))
                                        .expressionAttributeValues(Map.of(":s", AttributeValue.fromS("SHIPPED")))),
                        this::appliedAtOne));

        assertThat(rejected)
                .hasMessageContaining("'ship-orders'")
                .hasMessageContaining("write #2 (Update on table '" + orders.table() + "'): ConditionalCheckFailed")
                .hasMessageContaining("Nothing was committed")
                .hasMessageNotContaining("write #1");
    }

    @Test
    void contentionOrThrottlingIsATransientUnavailabilityNamingTheEndpoint() {
        DynamoDbAuditStore store = store(TransactWriteItemsCapture.answeringCancelled("TransactionConflict", "None"));

        StoreUnavailableException unavailable = catchThrowableOfType(
                StoreUnavailableException.class,
                () -> TransactionSteps.runAndAppend(
                        transactions(store),
                        transaction -> transaction.put(orders.table(), order(chain + "#1", "NEW")),
                        this::appliedAtOne));

        assertThat(unavailable)
                .hasMessageContaining("contention or throttling")
                .hasMessageContaining("TransactionConflict")
                .hasMessageContaining(dynamo.endpoint().toString());
        assertThat(unavailable.isTransient()).isTrue();
    }

    @Test
    void aChangeAddingNoWritesAppendsWithOneConditionalPutItemAndNoTransaction() throws Exception {
        TransactWriteItemsCapture capture = TransactWriteItemsCapture.answeringSuccess();
        RequestLog requests = new RequestLog();
        DynamoDbAuditStore store = store(capture, requests);
        store.initialize();
        requests.clear();
        AuditRecord applied = appliedAtOne();

        AppendResult result = TransactionSteps.runAndAppend(transactions(store), transaction -> {}, () -> applied);

        assertThat(result).isEqualTo(new AppendResult.Appended(1));
        assertThat(requests.operations()).containsExactly("PutItem");
        assertThat(capture.requests()).isEmpty();
        assertThat(store.history().readAll(chain).toList()).containsExactly(applied);
    }
}
