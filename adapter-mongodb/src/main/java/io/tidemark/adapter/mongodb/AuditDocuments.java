package io.tidemark.adapter.mongodb;

import io.tidemark.core.error.UnreadableRecordException;
import io.tidemark.spi.AuditRecord;
import io.tidemark.spi.AuditState;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;

/**
 * The stored shape of an {@link AuditRecord}: one document per record, one field per component.
 *
 * <pre>
 * {
 *   _id:            ObjectId (assigned by the driver, carries no meaning),
 *   chain:          "default",                 // with seq: unique index {chain: 1, seq: 1}
 *   seq:            NumberLong(7),
 *   executionId:    "5f0c...",
 *   changeId:       "create-accounts",
 *   author:         "ana",
 *   order:          "1.2",
 *   state:          "APPLIED",                 // AuditState name
 *   timestamp:      ISODate("2026-03-01T09:00:00.123Z"),
 *   durationMillis: NumberLong(42),
 *   host:           "app-1",
 *   instanceId:     "app-1-4242-beef",
 *   className:      "com.example.CreateAccounts",
 *   methodName:     "apply",
 *   errorType:      "",
 *   errorMessage:   "",
 *   metadata:       [ {k: "$set", v: "{\"a\":1}"}, {k: "dotted.key", v: "x"} ],   // sorted by k
 *   previousHash:   "000...0",
 *   hash:           "9a1f..."
 * }
 * </pre>
 *
 * <p>Metadata is an array of {@code {k, v}} pairs rather than a sub-document, so that user keys
 * containing {@code $} or {@code .} are only ever field <em>values</em>: MongoDB never reads them
 * as operators or paths. Every user-supplied string (change id, chain, metadata) is stored and
 * queried as a plain BSON string through typed filters, never parsed as JSON.
 *
 * <p>Reading accepts what a person editing the collection might leave (a 32-bit number where a
 * 64-bit one was, for example), so that chain verification can report the edit; a document with a
 * field this version cannot read (a state it does not know, a field missing or of another type)
 * raises {@link UnreadableRecordException} naming the chain, the sequence, the field and the value,
 * as every adapter does (a newer Tidemark version most likely wrote it).
 */
public final class AuditDocuments {

    public static final String CHAIN = "chain";
    public static final String SEQ = "seq";
    public static final String EXECUTION_ID = "executionId";
    public static final String CHANGE_ID = "changeId";
    public static final String AUTHOR = "author";
    public static final String ORDER = "order";
    public static final String STATE = "state";
    public static final String TIMESTAMP = "timestamp";
    public static final String DURATION_MILLIS = "durationMillis";
    public static final String HOST = "host";
    public static final String INSTANCE_ID = "instanceId";
    public static final String CLASS_NAME = "className";
    public static final String METHOD_NAME = "methodName";
    public static final String ERROR_TYPE = "errorType";
    public static final String ERROR_MESSAGE = "errorMessage";
    public static final String METADATA = "metadata";
    public static final String METADATA_KEY = "k";
    public static final String METADATA_VALUE = "v";
    public static final String PREVIOUS_HASH = "previousHash";
    public static final String HASH = "hash";

    private AuditDocuments() {
    }

    /** The document storing {@code record}, without {@code _id}. */
    public static Document toDocument(AuditRecord record) {
        List<Document> metadata = new ArrayList<>(record.metadata().size());
        record.metadata().forEach((key, value) -> metadata.add(new Document(METADATA_KEY, key).append(METADATA_VALUE, value)));
        return new Document(CHAIN, record.chain())
                .append(SEQ, record.seq())
                .append(EXECUTION_ID, record.executionId())
                .append(CHANGE_ID, record.changeId())
                .append(AUTHOR, record.author())
                .append(ORDER, record.order())
                .append(STATE, record.state().name())
                .append(TIMESTAMP, Date.from(record.timestamp()))
                .append(DURATION_MILLIS, record.durationMillis())
                .append(HOST, record.host())
                .append(INSTANCE_ID, record.instanceId())
                .append(CLASS_NAME, record.className())
                .append(METHOD_NAME, record.methodName())
                .append(ERROR_TYPE, record.errorType())
                .append(ERROR_MESSAGE, record.errorMessage())
                .append(METADATA, metadata)
                .append(PREVIOUS_HASH, record.previousHash())
                .append(HASH, record.hash());
    }

    /**
     * The record {@code document} stores.
     *
     * @param collection the collection it was read from, for the error message
     * @throws UnreadableRecordException when a field cannot be read as this version writes it
     */
    public static AuditRecord toRecord(Document document, String collection) {
        Reader reader = new Reader(document, collection);
        return AuditRecord.builder()
                .chain(reader.text(CHAIN))
                .seq(reader.number(SEQ))
                .executionId(reader.text(EXECUTION_ID))
                .changeId(reader.text(CHANGE_ID))
                .author(reader.text(AUTHOR))
                .order(reader.text(ORDER))
                .state(reader.state())
                .timestamp(reader.date(TIMESTAMP).toInstant())
                .durationMillis(reader.number(DURATION_MILLIS))
                .host(reader.text(HOST))
                .instanceId(reader.text(INSTANCE_ID))
                .className(reader.text(CLASS_NAME))
                .methodName(reader.text(METHOD_NAME))
                .errorType(reader.text(ERROR_TYPE))
                .errorMessage(reader.text(ERROR_MESSAGE))
                .metadata(reader.metadata())
                .previousHash(reader.text(PREVIOUS_HASH))
                .hash(reader.text(HASH))
                .build();
    }

    /** Reads fields of one document, explaining precisely what is wrong when one is misshapen. */
    private record Reader(Document document, String collection) {

        String text(String field) {
            return field(field, String.class);
        }

        long number(String field) {
            return field(field, Number.class).longValue();
        }

        Date date(String field) {
            return field(field, Date.class);
        }

        AuditState state() {
            String name = text(STATE);
            try {
                return AuditState.valueOf(name);
            } catch (IllegalArgumentException e) {
                throw misshapen(STATE, name);
            }
        }

        Map<String, String> metadata() {
            List<?> entries = field(METADATA, List.class);
            Map<String, String> metadata = new LinkedHashMap<>();
            for (Object entry : entries) {
                if (!(entry instanceof Document pair) || !(pair.get(METADATA_KEY) instanceof String key)
                        || !(pair.get(METADATA_VALUE) instanceof String value)) {
                    throw misshapen(METADATA, entry);
                }
                metadata.put(key, value);
            }
            return metadata;
        }

        private <T> T field(String field, Class<T> type) {
            Object value = document.get(field);
            if (value == null || !type.isInstance(value)) {
                throw misshapen(field, value == null ? null : value.getClass().getSimpleName() + " " + value);
            }
            return type.cast(value);
        }

        private UnreadableRecordException misshapen(String field, Object value) {
            String chain = document.get(CHAIN) instanceof String text ? text : String.valueOf(document.get(CHAIN));
            long seq = document.get(SEQ) instanceof Number number ? number.longValue() : 0;
            return new UnreadableRecordException(chain, seq, field, value == null ? "<missing>" : value.toString(),
                    "MongoDB collection '" + collection + "' (document _id " + document.get("_id") + ")");
        }
    }
}
