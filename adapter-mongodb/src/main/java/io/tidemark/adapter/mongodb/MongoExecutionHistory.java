package io.tidemark.adapter.mongodb;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.gte;
import static com.mongodb.client.model.Sorts.ascending;
import static com.mongodb.client.model.Sorts.descending;

import io.tidemark.spi.AuditRecord;
import io.tidemark.spi.ExecutionHistory;
import io.tidemark.spi.support.RecordPages;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.bson.Document;

/**
 * Reads audit chains from the audit collection; every query is served by the unique index
 * {@code {chain: 1, seq: 1}}, with the store's read concern (majority) from the primary.
 *
 * <ol>
 *   <li>{@link #tip}: {@code find({chain})}, sort {@code {seq: -1}}, limit 1: one request.</li>
 *   <li>{@link #readFrom}: keyset pages through {@link RecordPages}: each page is one
 *       {@code find({chain, seq: {$gte: from}})}, sort {@code {seq: 1}}, limit and batch size
 *       page size + 1, so the server returns the page in one batch and closes its cursor; the
 *       extra document only says that more follow. Memory holds one page whatever the chain's
 *       length, and a stream closed early leaves nothing open on the server. Each page starts
 *       after the last sequence of the previous one, so records appended while a stream is read
 *       may or may not appear, but none is skipped or repeated.</li>
 * </ol>
 *
 * <p>A chain whose collection does not exist yet reads as empty (MongoDB's answer for a missing
 * collection), which is exactly an empty chain; reading creates nothing.
 */
final class MongoExecutionHistory implements ExecutionHistory {

    private final MongoRequests requests;
    private final int pageSize;
    private final String where;

    MongoExecutionHistory(MongoRequests requests) {
        this.requests = requests;
        this.pageSize = requests.settings().pageSize();
        this.where = requests.failures().describe(requests.settings().auditCollection());
    }

    @Override
    public Optional<AuditRecord> tip(String chain) {
        Document last = requests.audit(
                "reading the tip of chain '" + chain + "'",
                audit -> audit.find(eq(MongoRecordCodec.CHAIN, chain))
                        .sort(descending(MongoRecordCodec.SEQ))
                        .limit(1)
                        .first());
        return Optional.ofNullable(last).map(this::toRecord);
    }

    @Override
    public Stream<AuditRecord> readFrom(String chain, long fromSeq) {
        return RecordPages.stream(fromSeq, from -> page(chain, from));
    }

    private RecordPages.Page page(String chain, long fromSeq) {
        int fetch = pageSize + 1;
        List<Document> documents = requests.audit(
                "reading chain '" + chain + "' from seq " + fromSeq,
                audit -> audit.find(and(eq(MongoRecordCodec.CHAIN, chain), gte(MongoRecordCodec.SEQ, fromSeq)))
                        .sort(ascending(MongoRecordCodec.SEQ))
                        .limit(fetch)
                        .batchSize(fetch)
                        .into(new ArrayList<>(fetch)));
        boolean hasMore = documents.size() > pageSize;
        return RecordPages.Page.decoded(hasMore ? documents.subList(0, pageSize) : documents, this::toRecord, hasMore);
    }

    private AuditRecord toRecord(Document document) {
        return MongoRecordCodec.toRecord(document, where);
    }
}
