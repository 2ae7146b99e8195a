package io.tidemark.adapter.dynamodb;

import io.tidemark.spi.AuditRecord;
import io.tidemark.spi.ExecutionHistory;
import io.tidemark.spi.support.RecordPages;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * Reads audit chains from the audit table with {@code Query} on the chain's partition, never
 * {@code Scan}. Item shape: see {@link AuditItemFormat}.
 *
 * <p>{@link #tip(String)}, one request:
 * <ol>
 *   <li>{@code Query} with {@code #chain = :chain}, {@code ScanIndexForward=false},
 *       {@code Limit=1}, {@code ConsistentRead=true};</li>
 *   <li>the one item returned, if any, is the tip.</li>
 * </ol>
 *
 * <p>{@link #readFrom(String, long)}, one request per page, consumed lazily:
 * <ol>
 *   <li>{@code Query} with {@code #chain = :chain AND #seq >= :from}, ascending,
 *       {@code ConsistentRead=true}, {@code Limit=}page size;</li>
 *   <li>a {@code LastEvaluatedKey} in the response means more may follow: the next page starts
 *       after the page's last sequence; without one the stream ends without another request.</li>
 * </ol>
 */
public final class DynamoDbExecutionHistory implements ExecutionHistory {

    private static final Map<String, String> NAMES = Map.of("#chain", AuditItemFormat.CHAIN, "#seq", AuditItemFormat.SEQ);

    private final DynamoDbClient client;
    private final TableLayout table;
    private final TableRequests requests;
    private final boolean consistentReads;
    private final int pageSize;

    DynamoDbExecutionHistory(DynamoDbClient client, TableLayout table, TableRequests requests, boolean consistentReads,
            int pageSize) {
        this.client = client;
        this.table = table;
        this.requests = requests;
        this.consistentReads = consistentReads;
        this.pageSize = pageSize;
    }

    @Override
    public Optional<AuditRecord> tip(String chain) {
        QueryResponse response = requests.run(table, "Query (tip of chain '" + chain + "')", () -> client.query(q -> q
                .tableName(table.name())
                .keyConditionExpression("#chain = :chain")
                .expressionAttributeNames(Map.of("#chain", AuditItemFormat.CHAIN))
                .expressionAttributeValues(Map.of(":chain", AuditItemFormat.text(chain)))
                .scanIndexForward(false)
                .limit(1)
                .consistentRead(consistentReads)));
        return response.items().stream().findFirst().map(item -> AuditItemFormat.fromItem(item, where()));
    }

    @Override
    public Stream<AuditRecord> readFrom(String chain, long fromSeq) {
        return RecordPages.stream(fromSeq, from -> readPage(chain, from));
    }

    private RecordPages.Page readPage(String chain, long fromSeq) {
        QueryResponse response = requests.run(table, "Query (chain '" + chain + "' from seq " + fromSeq + ")",
                () -> client.query(q -> q
                        .tableName(table.name())
                        .keyConditionExpression("#chain = :chain AND #seq >= :from")
                        .expressionAttributeNames(NAMES)
                        .expressionAttributeValues(Map.of(":chain", AuditItemFormat.text(chain),
                                ":from", AuditItemFormat.number(fromSeq)))
                        .scanIndexForward(true)
                        .limit(pageSize)
                        .consistentRead(consistentReads)));
        boolean hasMore = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty();
        return RecordPages.Page.decoded(response.items(), item -> AuditItemFormat.fromItem(item, where()), hasMore);
    }

    private String where() {
        return "DynamoDB table '" + table.name() + "'";
    }
}
