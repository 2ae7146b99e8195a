package io.tidemark.bench.backend;

import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;

/**
 * Counts the requests a DynamoDB client sends, with an SDK execution interceptor registered in the
 * client's override configuration: every HTTP attempt ({@code beforeTransmission}, so retries
 * count too). A request is classified by operation and table: table management
 * ({@code DescribeTable}, {@code CreateTable}) is "other"; on the audit table, {@code Query},
 * {@code GetItem} and {@code Scan} are audit reads, whose returned items count as records read, and
 * every other operation ({@code PutItem}, {@code TransactWriteItems}) an audit write; anything on
 * the lock table is a lock request.
 */
final class DynamoDbRequestMeter implements ExecutionInterceptor {

    private static final Set<String> TABLE_MANAGEMENT = Set.of("DescribeTable", "CreateTable", "ListTables",
            "UpdateTable", "DescribeTimeToLive", "UpdateTimeToLive");
    private static final Set<String> READS = Set.of("Query", "GetItem", "Scan", "BatchGetItem");

    private final TrafficMeter meter;
    private final String auditTable;
    private final String lockTable;

    DynamoDbRequestMeter(TrafficMeter meter, String auditTable, String lockTable) {
        this.meter = meter;
        this.auditTable = auditTable;
        this.lockTable = lockTable;
    }

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        String table = tableOf(context.request()).orElse("");
        if (TABLE_MANAGEMENT.contains(operation)) {
            meter.request(TrafficMeter.Kind.OTHER);
        } else if (table.equals(auditTable)) {
            meter.request(READS.contains(operation) ? TrafficMeter.Kind.AUDIT_READ : TrafficMeter.Kind.AUDIT_WRITE);
        } else if (table.equals(lockTable)) {
            meter.request(TrafficMeter.Kind.LOCK);
        } else {
            meter.request(TrafficMeter.Kind.OTHER);
        }
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        if (!tableOf(context.request()).orElse("").equals(auditTable)) {
            return;
        }
        if (context.response() instanceof QueryResponse query) {
            meter.recordsRead(query.items().size());
        } else if (context.response() instanceof ScanResponse scan) {
            meter.recordsRead(scan.items().size());
        } else if (context.response() instanceof GetItemResponse get && get.hasItem()) {
            meter.recordsRead(1);
        }
    }

    private static Optional<String> tableOf(SdkRequest request) {
        return request.getValueForField("TableName", String.class);
    }
}
