package io.tidemark.adapter.dynamodb;

import io.tidemark.core.error.TransactionRejectedException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionCheck;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * The transaction handle of {@link DynamoDbAuditStore}: a change unit that declares a parameter of
 * this type on its {@code @Execution} method becomes <em>transactional</em>. It adds its writes
 * here instead of sending them; when the method returns, Tidemark commits them in one
 * {@code TransactWriteItems} request together with the conditional {@code Put} of the change's
 * {@code APPLIED} audit record. Either all of them are stored, or none is.
 *
 * <pre>{@code
 * @ChangeUnit(id = "seed-plans", order = "3")
 * public class SeedPlans {
 *     @Execution
 *     public void apply(DynamoDbChangeTransaction tx) {
 *         tx.put("plans", Map.of("planId", AttributeValue.fromS("free"), "seats", AttributeValue.fromN("1")));
 *         tx.update(u -> u.tableName("accounts").key(Map.of("id", AttributeValue.fromS("a-1")))
 *                 .updateExpression("SET planId = :p").expressionAttributeValues(Map.of(":p", AttributeValue.fromS("free"))));
 *     }
 * }
 * }</pre>
 *
 * <h2>What is covered</h2>
 * <ul>
 *   <li>Every put, update, delete and condition check added here, and the {@code APPLIED} record,
 *       commit together or not at all. If the method throws, nothing added here is sent. If a
 *       condition of the change's own writes fails, nothing is committed and the change is
 *       recorded {@code FAILED} with a {@link TransactionRejectedException} naming the write and
 *       the reason; because nothing was committed, the next run runs it again.</li>
 *   <li>Two instances cannot both commit the same change: the audit record's {@code Put} is
 *       conditional on its sequence being free, and it is part of the same transaction.</li>
 * </ul>
 *
 * <h2>What is not covered</h2>
 * <ul>
 *   <li>Writes sent directly through a {@code DynamoDbClient} are not part of the transaction:
 *       they happen at once and stay whatever follows. Only writes added to this handle are
 *       atomic with the audit record.</li>
 *   <li>Reads are not isolated: what the change reads may change before the commit. Guard the
 *       assumptions that matter with {@link #conditionCheck} or with conditions on the writes.</li>
 *   <li>The {@code STARTED} record is written before the change runs, in its own request; it is
 *       not part of the transaction. A crash in between leaves {@code STARTED}, and the change
 *       runs again next time (nothing of it was committed).</li>
 *   <li>DynamoDB's limits apply: at most {@value #MAX_WRITES} writes per change (one of the 100
 *       items a transaction may hold is the audit record), at most 4 MB in total, no two writes to
 *       the same item, and all tables in the store's account and region. A change that needs more
 *       must be split into several change units.</li>
 *   <li>The rollback method, if any, gets no handle: it runs after the transaction was abandoned.</li>
 * </ul>
 *
 * <p>A handle belongs to one execution of one change and is not thread-safe; do not keep it
 * after the method returns.
 */
public final class DynamoDbChangeTransaction {

    /** Most writes one change may add: a transaction holds 100 items, one of them is the audit record. */
    public static final int MAX_WRITES = 99;

    private final List<TransactWriteItem> writes = new ArrayList<>();
    private boolean closed;

    DynamoDbChangeTransaction() {}

    /**
     * Adds a put (insert or replace of a whole item).
     *
     * @param put the put, as DynamoDB's {@code TransactWriteItems} takes it
     * @return this handle, for more writes
     */
    public DynamoDbChangeTransaction put(Put put) {
        return add(TransactWriteItem.builder()
                .put(Objects.requireNonNull(put, "put"))
                .build());
    }

    /**
     * Adds a put built by {@code put}.
     *
     * @param put fills in the put's builder
     * @return this handle, for more writes
     */
    public DynamoDbChangeTransaction put(Consumer<Put.Builder> put) {
        Put.Builder builder = Put.builder();
        put.accept(builder);
        return put(builder.build());
    }

    /**
     * Adds an unconditional put of {@code item} into {@code table}.
     *
     * @param table the table's name
     * @param item  the whole item, key included
     * @return this handle, for more writes
     */
    public DynamoDbChangeTransaction put(String table, Map<String, AttributeValue> item) {
        return put(p -> p.tableName(table).item(item));
    }

    /**
     * Adds an update of one item.
     *
     * @param update the update, as DynamoDB's {@code TransactWriteItems} takes it
     * @return this handle, for more writes
     */
    public DynamoDbChangeTransaction update(Update update) {
        return add(TransactWriteItem.builder()
                .update(Objects.requireNonNull(update, "update"))
                .build());
    }

    /**
     * Adds an update built by {@code update}.
     *
     * @param update fills in the update's builder
     * @return this handle, for more writes
     */
    public DynamoDbChangeTransaction update(Consumer<Update.Builder> update) {
        Update.Builder builder = Update.builder();
        update.accept(builder);
        return update(builder.build());
    }

    /**
     * Adds a delete of one item.
     *
     * @param delete the delete, as DynamoDB's {@code TransactWriteItems} takes it
     * @return this handle, for more writes
     */
    public DynamoDbChangeTransaction delete(Delete delete) {
        return add(TransactWriteItem.builder()
                .delete(Objects.requireNonNull(delete, "delete"))
                .build());
    }

    /**
     * Adds a delete built by {@code delete}.
     *
     * @param delete fills in the delete's builder
     * @return this handle, for more writes
     */
    public DynamoDbChangeTransaction delete(Consumer<Delete.Builder> delete) {
        Delete.Builder builder = Delete.builder();
        delete.accept(builder);
        return delete(builder.build());
    }

    /**
     * Adds a condition that must hold on one item for anything to commit; it writes nothing.
     *
     * @param check the condition check, as DynamoDB's {@code TransactWriteItems} takes it
     * @return this handle, for more writes
     */
    public DynamoDbChangeTransaction conditionCheck(ConditionCheck check) {
        return add(TransactWriteItem.builder()
                .conditionCheck(Objects.requireNonNull(check, "check"))
                .build());
    }

    /**
     * Adds a condition check built by {@code check}.
     *
     * @param check fills in the condition check's builder
     * @return this handle, for more writes
     */
    public DynamoDbChangeTransaction conditionCheck(Consumer<ConditionCheck.Builder> check) {
        ConditionCheck.Builder builder = ConditionCheck.builder();
        check.accept(builder);
        return conditionCheck(builder.build());
    }

    /**
     * Adds one transaction item as it is.
     *
     * @param write one put, update, delete or condition check
     * @return this handle, for more writes
     * @throws TransactionRejectedException when the change already added {@value #MAX_WRITES} writes
     * @throws IllegalStateException        when the change's execution has already ended
     */
    public DynamoDbChangeTransaction add(TransactWriteItem write) {
        Objects.requireNonNull(write, "write");
        if (closed) {
            throw new IllegalStateException("This DynamoDbChangeTransaction belongs to a change execution that has "
                    + "ended; add writes only while the @Execution method runs.");
        }
        if (writes.size() == MAX_WRITES) {
            throw new TransactionRejectedException(
                    "A transactional change can add at most " + MAX_WRITES
                            + " writes to its DynamoDbChangeTransaction (DynamoDB's TransactWriteItems holds 100 items and one "
                            + "is the change's audit record); this change tried to add more. Split it into several change "
                            + "units, or write in batches through the DynamoDbClient without the transaction.",
                    null);
        }
        writes.add(write);
        return this;
    }

    /**
     * How many writes were added so far.
     *
     * @return the number of writes, at most {@value #MAX_WRITES}
     */
    public int size() {
        return writes.size();
    }

    /** The writes added, in order; ends the handle's use. */
    List<TransactWriteItem> close() {
        closed = true;
        return List.copyOf(writes);
    }
}
