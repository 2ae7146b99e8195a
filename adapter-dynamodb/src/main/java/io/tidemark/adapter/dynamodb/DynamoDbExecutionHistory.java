package io.tidemark.adapter.dynamodb;

import io.tidemark.spi.AuditRecord;
import io.tidemark.spi.ExecutionHistory;
import io.tidemark.spi.support.RecordPages;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * Reads audit chains from the audit table with {@code Query} on the chain's partition, never
 * {@code Scan}, always strongly consistent. Item shape: see {@link DynamoDbRecordCodec}.
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
final class DynamoDbExecutionHistory implements ExecutionHistory {

    private static final Map<String, String> NAMES =
            Map.of("#chain", DynamoDbRecordCodec.CHAIN, "#seq", DynamoDbRecordCodec.SEQ);

    private final DynamoDbRequests requests;
    private final DynamoDbSchema.Table table;
    private final int pageSize;

    DynamoDbExecutionHistory(DynamoDbRequests requests, int pageSize) {
        this.requests = requests;
        this.table = requests.schema().audit();
        this.pageSize = pageSize;
    }

    @Override
    public Optional<AuditRecord> tip(String chain) {
        QueryResponse response = requests.run(
                table,
                "Query (tip of chain '" + chain + "')",
                client -> client.query(q -> q.tableName(table.name())
                        .keyConditionExpression("#chain = :chain")
                        .expressionAttributeNames(Map.of("#chain", DynamoDbRecordCodec.CHAIN))
                        .expressionAttributeValues(Map.of(":chain", DynamoDbRecordCodec.text(chain)))
                        .scanIndexForward(false)
                        .limit(1)
                        .consistentRead(true)));
        return response.items().stream().findFirst().map(item -> DynamoDbRecordCodec.fromItem(item, table.where()));
    }

    @Override
    public Stream<AuditRecord> readFrom(String chain, long fromSeq) {
        return RecordPages.stream(fromSeq, from -> readPage(chain, from));
    }

    private RecordPages.Page readPage(String chain, long fromSeq) {
        QueryResponse response = requests.run(
                table,
                "Query (chain '" + chain + "' from seq " + fromSeq + ")",
                client -> client.query(q -> q.tableName(table.name())
                        .keyConditionExpression("#chain = :chain AND #seq >= :from")
                        .expressionAttributeNames(NAMES)
                        .expressionAttributeValues(Map.of(
                                ":chain", DynamoDbRecordCodec.text(chain),
                                ":from", DynamoDbRecordCodec.number(fromSeq)))
                        .scanIndexForward(true)
                        .limit(pageSize)
                        .consistentRead(true)));
        boolean hasMore =
                response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty();
        return RecordPages.Page.decoded(
                response.items(), item -> DynamoDbRecordCodec.fromItem(item, table.where()), hasMore);
    }
}
