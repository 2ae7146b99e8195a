package io.tidemark.bench.backend;

import com.mongodb.client.MongoCollection;
import io.tidemark.adapter.mongodb.testing.AuditDocuments;
import io.tidemark.spi.AuditRecord;
import java.util.List;
import org.bson.Document;

/**
 * Loads audit documents with {@code insertMany}, a thousand a request, in the adapter's own format
 * ({@link AuditDocuments}). The unique index must exist first (the store's {@code initialize()}),
 * so that a sequence already taken fails the load rather than forking the chain.
 */
final class MongoBulkLoader implements RecordLoader {

    private static final int DOCUMENTS_PER_REQUEST = 1_000;

    private final MongoCollection<Document> audit;

    MongoBulkLoader(MongoCollection<Document> audit) {
        this.audit = audit;
    }

    @Override
    public void load(List<AuditRecord> records) {
        for (int from = 0; from < records.size(); from += DOCUMENTS_PER_REQUEST) {
            audit.insertMany(records.subList(from, Math.min(records.size(), from + DOCUMENTS_PER_REQUEST)).stream()
                    .map(AuditDocuments::toDocument)
                    .toList());
        }
    }
}
