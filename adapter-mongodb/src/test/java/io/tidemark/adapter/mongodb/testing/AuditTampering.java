package io.tidemark.adapter.mongodb.testing;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import io.tidemark.spi.AuditRecord;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * Edits stored audit documents directly with the driver, bypassing every condition of the store,
 * as an intruder with write access to the collection would: the tampering that chain verification
 * must report. Documents are written in the shape {@link AuditDocuments} describes.
 */
public final class AuditTampering {

    private final MongoCollection<Document> audit;

    public AuditTampering(MongoCollection<Document> audit) {
        this.audit = audit;
    }

    /** Tampering with {@code collection} of {@code database} through {@code client}. */
    public static AuditTampering of(MongoClient client, String database, String collection) {
        return new AuditTampering(client.getDatabase(database).getCollection(collection));
    }

    /** Replaces the document at {@code replacement}'s chain and sequence by one storing {@code replacement}. */
    public void overwrite(AuditRecord replacement) {
        long replaced = audit.replaceOne(
                        at(replacement.chain(), replacement.seq()), AuditDocuments.toDocument(replacement))
                .getMatchedCount();
        if (replaced != 1) {
            throw new IllegalStateException("no audit document at seq " + replacement.seq() + " of chain '"
                    + replacement.chain() + "' to overwrite");
        }
    }

    /** As {@link #overwrite}, with {@code state} in the document's state field. */
    public void overwriteWithState(AuditRecord replacement, String state) {
        long replaced = audit.replaceOne(
                        at(replacement.chain(), replacement.seq()),
                        AuditDocuments.toDocument(replacement).append(AuditDocuments.STATE, state))
                .getMatchedCount();
        if (replaced != 1) {
            throw new IllegalStateException("no audit document at seq " + replacement.seq() + " of chain '"
                    + replacement.chain() + "' to overwrite");
        }
    }

    /** Deletes the document at {@code seq} of {@code chain}. */
    public void delete(String chain, long seq) {
        if (audit.deleteOne(at(chain, seq)).getDeletedCount() != 1) {
            throw new IllegalStateException("no audit document at seq " + seq + " of chain '" + chain + "' to delete");
        }
    }

    /** The raw stored document at {@code seq} of {@code chain}, or null. */
    public Document raw(String chain, long seq) {
        return audit.find(at(chain, seq)).first();
    }

    private static Bson at(String chain, long seq) {
        return and(eq(AuditDocuments.CHAIN, chain), eq(AuditDocuments.SEQ, seq));
    }
}
