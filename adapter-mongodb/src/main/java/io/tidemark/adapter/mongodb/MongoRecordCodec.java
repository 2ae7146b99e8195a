package io.tidemark.adapter.mongodb;

import io.tidemark.core.error.UnreadableRecordException;
import io.tidemark.spi.AuditRecord;
import io.tidemark.spi.AuditState;
import io.tidemark.spi.Lease;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bson.Document;

/**
 * The stored shapes: an {@link AuditRecord} as one document of the audit collection, and a
 * {@link Lease} as one document of the lock collection. The field names are the keys the queries
 * use, so they are defined here once.
 *
 * <pre>
 * audit collection, unique index {chain: 1, seq: 1}:
 * {
 *   _id:            ObjectId (assigned by the driver, carries no meaning),
 *   chain:          "default",
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
 *
 * lock collection, one document per key, kept (without owner) when released:
 * { _id: "default", owner: "app-1-4242/5f0c...", expiresAt: ISODate(...), token: NumberLong(3) }
 * </pre>
 *
 * <p>Metadata is an array of {@code {k, v}} pairs rather than a sub-document, so that user keys
 * containing {@code $} or {@code .} are only ever field <em>values</em>: MongoDB never reads them
 * as operators or paths. Every user-supplied string (change id, chain, metadata, lock key and
 * owner) is stored and queried as a plain BSON string through typed filters, never parsed as JSON.
 *
 * <p>Reading accepts what a person editing the collection might leave (a 32-bit number where a
 * 64-bit one was, for example), so that chain verification can report the edit. A document with a
 * field this version cannot read (a state it does not know, a field missing or of another type)
 * raises {@link UnreadableRecordException} naming the chain, the sequence, the field and the value;
 * a lock document likewise, through {@link UnreadableRecordException#ofLock}, naming the key.
 */
final class MongoRecordCodec {

    static final String CHAIN = "chain";
    static final String SEQ = "seq";
    static final String EXECUTION_ID = "executionId";
    static final String CHANGE_ID = "changeId";
    static final String AUTHOR = "author";
    static final String ORDER = "order";
    static final String STATE = "state";
    static final String TIMESTAMP = "timestamp";
    static final String DURATION_MILLIS = "durationMillis";
    static final String HOST = "host";
    static final String INSTANCE_ID = "instanceId";
    static final String CLASS_NAME = "className";
    static final String METHOD_NAME = "methodName";
    static final String ERROR_TYPE = "errorType";
    static final String ERROR_MESSAGE = "errorMessage";
    static final String METADATA = "metadata";
    static final String METADATA_KEY = "k";
    static final String METADATA_VALUE = "v";
    static final String PREVIOUS_HASH = "previousHash";
    static final String HASH = "hash";

    static final String LOCK_KEY = "_id";
    static final String OWNER = "owner";
    static final String EXPIRES_AT = "expiresAt";
    static final String TOKEN = "token";

    private static final String MISSING = "(missing)";

    private MongoRecordCodec() {}

    /** The document storing {@code record}, without {@code _id}. */
    static Document toDocument(AuditRecord record) {
        List<Document> metadata = new ArrayList<>(record.metadata().size());
        record.metadata()
                .forEach((key, value) -> metadata.add(new Document(METADATA_KEY, key).append(METADATA_VALUE, value)));
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
     * @param where the collection it was read from, for the error message
     * @throws UnreadableRecordException when a field cannot be read as this version writes it
     */
    static AuditRecord toRecord(Document document, String where) {
        AuditReader reader = new AuditReader(document, where);
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

    /**
     * The lease {@code document} (the lock document of {@code key}) records: empty when it has no
     * owner (released). Every field present is checked, the released document's too, so that a lock
     * document this version cannot read is reported by whichever operation meets it first.
     *
     * @param where the collection it was read from, for the error message
     * @throws UnreadableRecordException naming the key, the field and its value, when the owner is
     *     not a string, the expiry not a date, or the token not a whole number (or missing)
     */
    static Optional<Lease> toLease(String key, Document document, String where) {
        Object owner = document.get(OWNER);
        Object expiresAt = document.get(EXPIRES_AT);
        Object token = document.get(TOKEN);
        if (owner != null && !(owner instanceof String)) {
            throw unreadableLock(key, OWNER, owner, where);
        }
        if (!(token instanceof Number number) || !isWhole(number)) {
            throw unreadableLock(key, TOKEN, token, where);
        }
        if (!(expiresAt instanceof Date expiry)) {
            if (owner == null && expiresAt == null) {
                return Optional.empty();
            }
            throw unreadableLock(key, EXPIRES_AT, expiresAt, where);
        }
        return owner == null
                ? Optional.empty()
                : Optional.of(new Lease(key, (String) owner, expiry.toInstant(), number.longValue()));
    }

    private static boolean isWhole(Number number) {
        return number instanceof Long
                || number instanceof Integer
                || number instanceof Double value && value == Math.rint(value) && !Double.isInfinite(value);
    }

    private static UnreadableRecordException unreadableLock(String key, String field, Object value, String where) {
        return UnreadableRecordException.ofLock(key, field, describe(value), where);
    }

    private static String describe(Object value) {
        return value == null ? MISSING : value.getClass().getSimpleName() + " " + value;
    }

    /** Reads fields of one audit document, explaining precisely what is wrong when one is misshapen. */
    private record AuditReader(Document document, String where) {

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
                if (!(entry instanceof Document pair)
                        || !(pair.get(METADATA_KEY) instanceof String key)
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
            return new UnreadableRecordException(
                    chain,
                    seq,
                    field,
                    value == null ? "<missing>" : value.toString(),
                    where + " (document _id " + document.get("_id") + ")");
        }
    }
}
