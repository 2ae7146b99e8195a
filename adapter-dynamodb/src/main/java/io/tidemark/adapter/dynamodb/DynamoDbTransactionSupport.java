package io.tidemark.adapter.dynamodb;

import io.tidemark.core.error.StoreUnavailableException;
import io.tidemark.core.error.TransactionRejectedException;
import io.tidemark.spi.AppendResult;
import io.tidemark.spi.AuditRecord;
import io.tidemark.spi.TransactionSupport;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * Commits a transactional change unit's writes and its {@code APPLIED} record in one
 * {@code TransactWriteItems}. What a change unit can rely on is described on
 * {@link DynamoDbChangeTransaction}.
 *
 * <p>A transaction sends nothing until it is committed:
 * <ol>
 *   <li>{@link #begin()}: a fresh {@link DynamoDbChangeTransaction} collects the change's writes; no
 *       request;</li>
 *   <li>{@link Transaction#abort()} (the change threw, or the engine could not seal its record):
 *       the handle is closed and its writes dropped; nothing is sent;</li>
 *   <li>{@link Transaction#commit}: the handle is closed; no writes added: the record is appended
 *       with the ordinary conditional {@code PutItem};</li>
 *   <li>otherwise one {@code TransactWriteItems}: the change's writes in the order added, then
 *       a {@code Put} of the audit item conditional on {@code attribute_not_exists(seq)};</li>
 *   <li>{@code TransactionCanceledException} whose reason for the audit item is
 *       {@code ConditionalCheckFailed}: {@link AppendResult.SequenceConflict}, nothing committed;
 *       throttling or {@code TransactionConflict} reasons: {@link StoreUnavailableException};
 *       any other reason (the change's own conditions, validation):
 *       {@link TransactionRejectedException} naming each failed write and its reason;</li>
 *   <li>an endpoint that does not implement {@code TransactWriteItems} at all
 *       ({@code UnknownOperationException}, as from dynalite): {@link TransactionRejectedException}
 *       saying so; nothing was committed, and the change runs again once the store supports it.</li>
 * </ol>
 */
final class DynamoDbTransactionSupport implements TransactionSupport<DynamoDbChangeTransaction> {

    private static final Set<String> TRANSIENT_REASONS =
            Set.of("ThrottlingError", "ProvisionedThroughputExceeded", "TransactionConflict", "RequestLimitExceeded");

    private final DynamoDbRequests requests;
    private final DynamoDbAuditStore store;
    private final DynamoDbSchema.Table auditTable;

    DynamoDbTransactionSupport(DynamoDbRequests requests, DynamoDbAuditStore store) {
        this.requests = requests;
        this.store = store;
        this.auditTable = requests.schema().audit();
    }

    @Override
    public Class<DynamoDbChangeTransaction> handleType() {
        return DynamoDbChangeTransaction.class;
    }

    @Override
    public Optional<String> unavailableReason() {
        return Optional.empty();
    }

    @Override
    public Transaction<DynamoDbChangeTransaction> begin() {
        DynamoDbChangeTransaction handle = new DynamoDbChangeTransaction();
        return new Transaction<>() {
            @Override
            public DynamoDbChangeTransaction handle() {
                return handle;
            }

            @Override
            public AppendResult commit(AuditRecord sealedApplied) {
                return DynamoDbTransactionSupport.this.commit(handle.close(), sealedApplied);
            }

            @Override
            public void abort() {
                handle.close();
            }
        };
    }

    /** Sends the change's {@code writes} and the {@code APPLIED} record in one request (see the class description). */
    private AppendResult commit(List<TransactWriteItem> writes, AuditRecord applied) {
        if (writes.isEmpty()) {
            return store.append(applied);
        }
        List<TransactWriteItem> items = new ArrayList<>(writes);
        items.add(TransactWriteItem.builder()
                .put(p -> p.tableName(auditTable.name())
                        .item(DynamoDbRecordCodec.toItem(applied))
                        .conditionExpression(DynamoDbAuditStore.SEQ_IS_FREE)
                        .expressionAttributeNames(DynamoDbAuditStore.SEQ_NAME))
                .build());
        String action = "TransactWriteItems (" + writes.size() + " write(s) of change '" + applied.changeId()
                + "' with its " + applied.state() + " record at seq " + applied.seq() + " of chain '" + applied.chain()
                + "')";
        return requests.run(auditTable, action, client -> {
            try {
                client.transactWriteItems(t -> t.transactItems(items));
                return new AppendResult.Appended(applied.seq());
            } catch (TransactionCanceledException cancelled) {
                return outcomeOf(cancelled, applied, writes, action);
            } catch (ResourceNotFoundException missing) {
                throw new TransactionRejectedException(
                        "DynamoDB rejected the transaction of change '"
                                + applied.changeId() + "': a table it writes to does not exist (" + reason(missing)
                                + "). Nothing was committed. Create the table first, in an earlier change unit.",
                        missing);
            } catch (DynamoDbException invalid) {
                if ("UnknownOperationException".equals(DynamoDbFailures.errorCode(invalid))) {
                    throw new TransactionRejectedException(
                            "The DynamoDB at " + requests.endpoint() + " does not "
                                    + "implement TransactWriteItems (UnknownOperationException), which transactional change '"
                                    + applied.changeId()
                                    + "' needs. Nothing was committed. Emulators such as dynalite lack "
                                    + "transactions: run transactional change units against Amazon DynamoDB or an emulator "
                                    + "that implements them (moto), or write through the DynamoDbClient without the "
                                    + "DynamoDbChangeTransaction parameter.",
                            invalid);
                }
                if (!"ValidationException".equals(DynamoDbFailures.errorCode(invalid))) {
                    throw invalid;
                }
                throw new TransactionRejectedException(
                        "DynamoDB rejected the transaction of change '"
                                + applied.changeId() + "' as invalid: " + reason(invalid)
                                + ". Nothing was committed. Check "
                                + "the writes the change adds (expressions, keys, no two writes to one item, at most "
                                + DynamoDbChangeTransaction.MAX_WRITES + " writes, 4 MB in total).",
                        invalid);
            }
        });
    }

    private AppendResult outcomeOf(
            TransactionCanceledException cancelled,
            AuditRecord applied,
            List<TransactWriteItem> writes,
            String action) {
        List<CancellationReason> reasons =
                cancelled.hasCancellationReasons() ? cancelled.cancellationReasons() : List.of();
        int auditIndex = writes.size();
        if (reasons.size() > auditIndex
                && "ConditionalCheckFailed".equals(reasons.get(auditIndex).code())) {
            return new AppendResult.SequenceConflict(applied.chain(), applied.seq());
        }
        List<String> failed = new ArrayList<>();
        boolean transientOnly = true;
        for (int i = 0; i < reasons.size(); i++) {
            String code = reasons.get(i).code();
            if (code == null || code.isEmpty() || "None".equals(code)) {
                continue;
            }
            transientOnly &= TRANSIENT_REASONS.contains(code);
            String which = i < writes.size()
                    ? "write #" + (i + 1) + " (" + describe(writes.get(i)) + ")"
                    : "the audit record at seq " + applied.seq();
            String message = reasons.get(i).message();
            failed.add(which + ": " + code + (message == null || message.isBlank() ? "" : " (" + message + ")"));
        }
        if (!failed.isEmpty() && transientOnly) {
            throw new StoreUnavailableException(
                    "DynamoDB " + requests.endpoint() + " cancelled " + action
                            + " because of contention or throttling: " + String.join("; ", failed)
                            + ". Nothing was committed; the change runs again on the next start.",
                    cancelled);
        }
        String detail = failed.isEmpty() ? reason(cancelled) : String.join("; ", failed);
        throw new TransactionRejectedException(
                "DynamoDB cancelled the transaction of change '" + applied.changeId() + "': " + detail
                        + ". Nothing was committed: neither the change's writes nor its audit record.",
                cancelled);
    }

    private static String describe(TransactWriteItem write) {
        if (write.put() != null) {
            return "Put on table '" + write.put().tableName() + "'";
        }
        if (write.update() != null) {
            return "Update on table '" + write.update().tableName() + "'";
        }
        if (write.delete() != null) {
            return "Delete on table '" + write.delete().tableName() + "'";
        }
        if (write.conditionCheck() != null) {
            return "ConditionCheck on table '" + write.conditionCheck().tableName() + "'";
        }
        return "empty item";
    }

    private static String reason(DynamoDbException failure) {
        return failure.awsErrorDetails() != null && failure.awsErrorDetails().errorMessage() != null
                ? failure.awsErrorDetails().errorMessage()
                : String.valueOf(failure.getMessage());
    }
}
