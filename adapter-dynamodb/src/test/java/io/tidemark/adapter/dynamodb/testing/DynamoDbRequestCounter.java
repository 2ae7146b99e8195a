package io.tidemark.adapter.dynamodb.testing;

import io.tidemark.tck.RequestCounts;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;

/**
 * Counts the requests a DynamoDB client sends, by kind, with an SDK execution interceptor: every HTTP
 * attempt ({@code beforeTransmission}, so retries count too). Table management ({@code DescribeTable},
 * {@code CreateTable}, ...) is "other"; on the audit table {@code Query}, {@code GetItem} and
 * {@code Scan} are audit reads, whose returned items count as records read, and every other
 * operation ({@code PutItem}, {@code TransactWriteItems}) an audit write; anything on the lock table
 * is a lock request. A {@code TransactWriteItems} names no single table: it is an audit write.
 */
final class DynamoDbRequestCounter implements ExecutionInterceptor {

    private static final Set<String> TABLE_MANAGEMENT = Set.of(
            "DescribeTable", "CreateTable", "ListTables", "UpdateTable", "DescribeTimeToLive", "UpdateTimeToLive");
    private static final Set<String> READS = Set.of("Query", "GetItem", "Scan", "BatchGetItem");

    private final String auditTable;
    private final String lockTable;
    private final LongAdder auditReads = new LongAdder();
    private final LongAdder auditWrites = new LongAdder();
    private final LongAdder lockRequests = new LongAdder();
    private final LongAdder otherRequests = new LongAdder();
    private final LongAdder recordsRead = new LongAdder();

    DynamoDbRequestCounter(String auditTable, String lockTable) {
        this.auditTable = auditTable;
        this.lockTable = lockTable;
    }

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        String table = tableOf(context.request()).orElse("");
        if (TABLE_MANAGEMENT.contains(operation)) {
            otherRequests.increment();
        } else if (table.equals(auditTable) || operation.equals("TransactWriteItems")) {
            (READS.contains(operation) ? auditReads : auditWrites).increment();
        } else if (table.equals(lockTable)) {
            lockRequests.increment();
        } else {
            otherRequests.increment();
        }
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        if (!tableOf(context.request()).orElse("").equals(auditTable)) {
            return;
        }
        if (context.response() instanceof QueryResponse query) {
            recordsRead.add(query.items().size());
        } else if (context.response() instanceof ScanResponse scan) {
            recordsRead.add(scan.items().size());
        } else if (context.response() instanceof GetItemResponse get && get.hasItem()) {
            recordsRead.increment();
        }
    }

    RequestCounts counts() {
        return new RequestCounts(
                auditReads.sum(), auditWrites.sum(), lockRequests.sum(), otherRequests.sum(), recordsRead.sum());
    }

    private static Optional<String> tableOf(SdkRequest request) {
        return request.getValueForField("TableName", String.class);
    }
}
