package io.tidemark.adapter.couchbase;

import com.couchbase.client.java.json.JsonObject;
import io.tidemark.core.error.UnreadableRecordException;
import io.tidemark.spi.AuditRecord;
import io.tidemark.spi.AuditState;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Turns an {@link AuditRecord} into its JSON document and back, field for field, so that a record
 * reads back {@code equals()} to what was written. The timestamp is an ISO-8601 string at
 * millisecond precision (readable in the Couchbase console); metadata is a nested object of strings,
 * whose keys may hold {@code $} and {@code .} because JSON keys are opaque to key-value access.
 *
 * <p>Decoding is lenient where leniency keeps evidence: a text field that an intruder removed reads
 * as {@code ""}, so the record is still returned and verification reports it as edited. A value this
 * version cannot decode (a state it does not know, a timestamp it cannot parse) raises
 * {@link UnreadableRecordException} naming the chain, the sequence, the field and the value, as
 * every adapter does: a newer Tidemark version most likely wrote it.
 */
final class AuditRecordCodec {

    /** Field telling what a Tidemark document is. */
    static final String TYPE_FIELD = "tidemark";
    static final String RECORD_TYPE = "audit-record";

    private AuditRecordCodec() {
    }

    static JsonObject encode(AuditRecord record) {
        JsonObject metadata = JsonObject.create();
        record.metadata().forEach(metadata::put);
        return JsonObject.create()
                .put(TYPE_FIELD, RECORD_TYPE)
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

    /**
     * The record in {@code document}, stored under {@code key} at {@code keySeq}.
     *
     * @throws UnreadableRecordException when a value cannot be decoded by this version
     */
    static AuditRecord decode(String key, long keySeq, JsonObject document) {
        String chain = text(document, "chain");
        long seq = number(document, "seq", keySeq);
        return AuditRecord.builder()
                .chain(chain)
                .seq(seq)
                .executionId(text(document, "executionId"))
                .changeId(text(document, "changeId"))
                .author(text(document, "author"))
                .order(text(document, "order"))
                .state(state(key, chain, seq, document))
                .timestamp(timestamp(key, chain, seq, document))
                .durationMillis(number(document, "durationMillis", 0))
                .host(text(document, "host"))
                .instanceId(text(document, "instanceId"))
                .className(text(document, "className"))
                .methodName(text(document, "methodName"))
                .errorType(text(document, "errorType"))
                .errorMessage(text(document, "errorMessage"))
                .metadata(metadata(document))
                .previousHash(text(document, "previousHash"))
                .hash(text(document, "hash"))
                .build();
    }

    private static String text(JsonObject document, String field) {
        Object value = document.get(field);
        return value == null ? "" : value.toString();
    }

    private static long number(JsonObject document, String field, long fallback) {
        Object value = document.get(field);
        if (value instanceof Number number) {
            return number.longValue();
        }
        if (value instanceof String text) {
            try {
                return Long.parseLong(text);
            } catch (NumberFormatException e) {
                return fallback;
            }
        }
        return fallback;
    }

    private static AuditState state(String key, String chain, long seq, JsonObject document) {
        String state = text(document, "state");
        try {
            return AuditState.valueOf(state);
        } catch (IllegalArgumentException e) {
            throw unreadable(key, chain, seq, "state", state);
        }
    }

    private static Instant timestamp(String key, String chain, long seq, JsonObject document) {
        String timestamp = text(document, "timestamp");
        try {
            return Instant.parse(timestamp);
        } catch (DateTimeParseException e) {
            throw unreadable(key, chain, seq, "timestamp", timestamp);
        }
    }

    private static Map<String, String> metadata(JsonObject document) {
        Map<String, String> metadata = new LinkedHashMap<>();
        Object value = document.get("metadata");
        if (value instanceof JsonObject object) {
            for (String name : object.getNames()) {
                Object entry = object.get(name);
                metadata.put(name, entry == null ? "" : entry.toString());
            }
        }
        return metadata;
    }

    private static UnreadableRecordException unreadable(String key, String chain, long seq, String field,
            String value) {
        return new UnreadableRecordException(chain, seq, field, value, "Couchbase document '" + key + "'");
    }
}
