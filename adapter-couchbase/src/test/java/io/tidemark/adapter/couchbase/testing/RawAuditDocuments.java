package io.tidemark.adapter.couchbase.testing;

import com.couchbase.client.core.error.DocumentNotFoundException;
import com.couchbase.client.java.Collection;
import com.couchbase.client.java.json.JsonObject;
import io.tidemark.spi.AuditRecord;
import java.util.Optional;

/**
 * Raw SDK access to the documents of a Couchbase audit store, bypassing the store's conditions: what
 * an intruder, a crashed writer or an operator with console access could do. Writes documents in
 * the layout documented on {@code CouchbaseAuditStore}, independently of the adapter's own code.
 */
public final class RawAuditDocuments {

    private final Collection collection;
    private final String keyPrefix;

    /** Documents of the store with {@code keyPrefix} in {@code collection}. */
    public RawAuditDocuments(Collection collection, String keyPrefix) {
        this.collection = collection;
        this.keyPrefix = keyPrefix;
    }

    /** The key of the record at {@code seq} of {@code chain}. */
    public String recordKey(String chain, long seq) {
        return keyPrefix + "::" + chain + "::" + String.format("%019d", seq);
    }

    /** The key of {@code chain}'s tip hint. */
    public String tipHintKey(String chain) {
        return keyPrefix + "::" + chain + "::tip";
    }

    /** Writes {@code record} at its chain and sequence, whatever is there. */
    public void overwrite(AuditRecord record) {
        collection.upsert(recordKey(record.chain(), record.seq()), document(record));
    }

    /**
     * Writes {@code record} at its chain and sequence with {@code state} in its state field, whatever is
     * there, as a newer Tidemark version with that state would: when the chain's tip hint names that
     * sequence, its copy of the record is rewritten too.
     */
    public void overwriteWithState(AuditRecord record, String state) {
        JsonObject document = document(record).put("state", state);
        collection.upsert(recordKey(record.chain(), record.seq()), document);
        if (tipHintSeq(record.chain()).filter(seq -> seq == record.seq()).isPresent()) {
            collection.upsert(
                    tipHintKey(record.chain()),
                    JsonObject.create()
                            .put("tidemark", "tip-hint")
                            .put("chain", record.chain())
                            .put("seq", record.seq())
                            .put("record", document));
        }
    }

    /** The key of the lock document of {@code lockKey}. */
    public String lockKey(String lockKey) {
        return keyPrefix + "::lock::" + lockKey;
    }

    /** The raw content of the lock document of {@code lockKey} (a JSON value), if present. */
    public Optional<Object> lock(String lockKey) {
        try {
            return Optional.of(collection.get(lockKey(lockKey)).contentAs(Object.class));
        } catch (DocumentNotFoundException absent) {
            return Optional.empty();
        }
    }

    /** Writes {@code document} as the lock document of {@code lockKey}, whatever is there. */
    public void writeLock(String lockKey, Object document) {
        collection.upsert(lockKey(lockKey), document);
    }

    /** Writes {@code document} at the key of the record at {@code seq} of {@code chain}, whatever is there. */
    public void writeRecordDocument(String chain, long seq, Object document) {
        collection.upsert(recordKey(chain, seq), document);
    }

    /** Removes the record at {@code seq} of {@code chain}. */
    public void delete(String chain, long seq) {
        collection.remove(recordKey(chain, seq));
    }

    /** Sets {@code chain}'s tip hint to {@code record}, as if the last hint update had been {@code record}'s. */
    public void setTipHint(AuditRecord record) {
        collection.upsert(
                tipHintKey(record.chain()),
                JsonObject.create()
                        .put("tidemark", "tip-hint")
                        .put("chain", record.chain())
                        .put("seq", record.seq())
                        .put("record", document(record)));
    }

    /** Removes {@code chain}'s tip hint, if any. */
    public void deleteTipHint(String chain) {
        try {
            collection.remove(tipHintKey(chain));
        } catch (DocumentNotFoundException absent) {
            // already gone
        }
    }

    /** The sequence {@code chain}'s tip hint names, if there is a hint. */
    public Optional<Long> tipHintSeq(String chain) {
        try {
            return Optional.of(
                    collection.get(tipHintKey(chain)).contentAsObject().getLong("seq"));
        } catch (DocumentNotFoundException absent) {
            return Optional.empty();
        }
    }

    /** The raw document of the record at {@code seq} of {@code chain}, if present. */
    public Optional<JsonObject> record(String chain, long seq) {
        try {
            return Optional.of(collection.get(recordKey(chain, seq)).contentAsObject());
        } catch (DocumentNotFoundException absent) {
            return Optional.empty();
        }
    }

    private static JsonObject document(AuditRecord record) {
        JsonObject metadata = JsonObject.create();
        record.metadata().forEach(metadata::put);
        return JsonObject.create()
                .put("tidemark", "audit-record")
                .put("chain", record.chain())
                .put("seq", record.seq())
                .put("executionId", record.executionId())
                .put("changeId", record.changeId())
                .put("author", record.author())
                .put("order", record.order())
                .put("state", record.state().name())
                .put("timestamp", record.timestamp().toString())
                .put("durationMillis", record.durationMillis())
                .put("host", record.host())
                .put("instanceId", record.instanceId())
                .put("className", record.className())
                .put("methodName", record.methodName())
                .put("errorType", record.errorType())
                .put("errorMessage", record.errorMessage())
                .put("metadata", metadata)
                .put("previousHash", record.previousHash())
                .put("hash", record.hash());
    }
}
