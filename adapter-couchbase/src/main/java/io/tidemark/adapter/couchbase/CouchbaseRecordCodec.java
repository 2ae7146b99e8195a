package io.tidemark.adapter.couchbase;

import com.couchbase.client.core.error.CouchbaseException;
import com.couchbase.client.java.json.JsonObject;
import com.couchbase.client.java.kv.GetResult;
import io.tidemark.core.error.UnreadableRecordException;
import io.tidemark.spi.AuditRecord;
import io.tidemark.spi.AuditState;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The keys and the JSON documents of one store: audit records, tip hints and locks, each field for
 * field, so that a record reads back {@code equals()} to what was written.
 *
 * <p><b>Keys</b>, all under the store's prefix:
 * <ul>
 *   <li>audit record: {@code <prefix>::<chain>::<seq>}, the sequence zero-padded to 19 digits (the
 *       width of {@link Long#MAX_VALUE}) so that keys sort like sequences in any listing;</li>
 *   <li>tip hint of a chain: {@code <prefix>::<chain>::tip};</li>
 *   <li>lock: {@code <prefix>::lock::<lock key>}.</li>
 * </ul>
 * Chain names and the prefix hold only letters, digits, {@code .}, {@code -} and {@code _}, so the
 * {@code ::} separators are unambiguous. The prefix is checked by the settings; chain names by the
 * core, before any store sees them (which also refuses the chain name {@code lock}: its record and
 * hint keys would share the lock namespace, a lock named {@code tip} being the hint of a chain named
 * {@code lock}).
 *
 * <p><b>Records.</b> The timestamp is an ISO-8601 string at millisecond precision (readable in the
 * Couchbase console); metadata is a nested object of strings, whose keys may hold {@code $} and
 * {@code .} because JSON keys are opaque to key-value access. Decoding is lenient where leniency
 * keeps evidence: a text field that an intruder removed reads as {@code ""}, so the record is still
 * returned and verification reports it as edited. A value this version cannot decode (a state it
 * does not know, a timestamp it cannot parse, a document that is not a JSON object) raises
 * {@link UnreadableRecordException} naming the chain, the sequence, the field and the value, as every
 * adapter does: a newer Tidemark version most likely wrote it.
 *
 * <p><b>Tip hints</b> are decoded leniently too: an unreadable hint is treated as no hint, and
 * readers probe the record keys from the start of the chain. <b>Locks</b> are not: a lock document
 * without a readable owner, token or expiry cannot be taken over safely, so it raises
 * {@link UnreadableRecordException#ofLock} naming the lock key.
 */
final class CouchbaseRecordCodec {

    private static final Logger log = LoggerFactory.getLogger(CouchbaseRecordCodec.class);

    /** Field telling what a Tidemark document is. */
    static final String TYPE_FIELD = "tidemark";

    static final String RECORD_TYPE = "audit-record";
    static final String HINT_TYPE = "tip-hint";
    static final String LOCK_TYPE = "lock";

    /** Couchbase refuses longer keys. */
    static final int MAX_KEY_BYTES = 250;

    /** The part of lock keys where a chain name would be; the core never accepts it as a chain name. */
    private static final String LOCKS = "lock";

    private static final String SEPARATOR = "::";
    private static final String MISSING = "(missing)";

    private final CouchbaseSettings settings;
    private final String prefix;

    CouchbaseRecordCodec(CouchbaseSettings settings) {
        this.settings = settings;
        this.prefix = settings.keyPrefix();
    }

    /**
     * A tip hint as read: the sequence and the raw copy of its record (0 and empty when the document
     * exists but does not name a record), the reservation, and the document's CAS for a later repair.
     */
    record Hint(long seq, Optional<JsonObject> record, long reservedTo, long cas) {}

    /** A lock document as read: its holder (empty once released), expiry, fencing token and CAS. */
    record StoredLock(Optional<String> owner, Instant expiresAt, long token, long cas) {}

    // ---- keys

    /** The key of the record at {@code seq} of {@code chain}. */
    String recordKey(String chain, long seq) {
        if (seq < 0) {
            throw new IllegalArgumentException("sequence must not be negative: " + seq);
        }
        return chainPart(chain) + String.format("%019d", seq);
    }

    /** The key of {@code chain}'s tip-hint document. */
    String tipHintKey(String chain) {
        return chainPart(chain) + "tip";
    }

    /** The key of the lock document for {@code lockKey}. */
    String lockKey(String lockKey) {
        if (lockKey.isEmpty()) {
            throw new IllegalArgumentException("lock key must not be empty");
        }
        String key = prefix + SEPARATOR + LOCKS + SEPARATOR + lockKey;
        if (key.getBytes(StandardCharsets.UTF_8).length > MAX_KEY_BYTES) {
            throw new IllegalArgumentException("lock key '" + lockKey + "' is too long: the document key "
                    + "would exceed Couchbase's " + MAX_KEY_BYTES + " bytes; use a shorter key");
        }
        return key;
    }

    /** The prefix of every key of this store. */
    String prefix() {
        return prefix;
    }

    private String chainPart(String chain) {
        return prefix + SEPARATOR + chain + SEPARATOR;
    }

    // ---- audit records

    /** The document of {@code record}. */
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
     * The stored document of the record at {@code seq} of {@code chain}, as a JSON object, undecoded.
     *
     * @throws UnreadableRecordException when the document is not a JSON object
     */
    JsonObject recordDocument(String chain, long seq, GetResult result) {
        byte[] content = result.contentAsBytes();
        return object(content)
                .orElseThrow(() -> new UnreadableRecordException(
                        chain,
                        seq,
                        "document",
                        new String(content, StandardCharsets.UTF_8),
                        where(recordKey(chain, seq))));
    }

    /** {@code content} as a JSON object; empty when it is anything else (another JSON value, or no JSON). */
    private static Optional<JsonObject> object(byte[] content) {
        try {
            return Optional.ofNullable(JsonObject.fromJson(content));
        } catch (CouchbaseException notAnObject) {
            return Optional.empty();
        }
    }

    /**
     * The record in {@code document}, stored at {@code keySeq} of {@code chain}.
     *
     * @throws UnreadableRecordException when a value cannot be decoded by this version
     */
    AuditRecord decode(String chain, long keySeq, JsonObject document) {
        String key = recordKey(chain, keySeq);
        String storedChain = text(document, "chain");
        long seq = number(document, "seq", keySeq);
        return AuditRecord.builder()
                .chain(storedChain)
                .seq(seq)
                .executionId(text(document, "executionId"))
                .changeId(text(document, "changeId"))
                .author(text(document, "author"))
                .order(text(document, "order"))
                .state(state(key, storedChain, seq, document))
                .timestamp(timestamp(key, storedChain, seq, document))
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

    private AuditState state(String key, String chain, long seq, JsonObject document) {
        String state = text(document, "state");
        try {
            return AuditState.valueOf(state);
        } catch (IllegalArgumentException e) {
            throw new UnreadableRecordException(chain, seq, "state", state, where(key));
        }
    }

    private Instant timestamp(String key, String chain, long seq, JsonObject document) {
        String timestamp = text(document, "timestamp");
        try {
            return Instant.parse(timestamp);
        } catch (DateTimeParseException e) {
            throw new UnreadableRecordException(chain, seq, "timestamp", timestamp, where(key));
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

    // ---- tip hints

    /** The hint document naming {@code seq} of {@code chain} (with the copy of its record, if any) and the reservation. */
    static JsonObject encodeHint(String chain, long seq, Optional<JsonObject> record, long reservedTo) {
        JsonObject hint = JsonObject.create()
                .put(TYPE_FIELD, HINT_TYPE)
                .put("chain", chain)
                .put("seq", seq)
                .put("reservedTo", reservedTo);
        record.ifPresent(copy -> hint.put("record", copy));
        return hint;
    }

    /**
     * The hint in {@code result}, read leniently: a hint without a sequence and a record copy names
     * nothing (sequence 0); one without a reservation promises nothing beyond its sequence (as
     * Tidemark versions before reservations wrote them); an unreadable one names nothing.
     */
    static Hint decodeHint(String key, GetResult result) {
        Optional<JsonObject> read = object(result.contentAsBytes());
        if (read.isPresent()) {
            JsonObject document = read.get();
            Object seq = document.get("seq");
            Object record = document.get("record");
            long hinted = seq instanceof Number number ? Math.max(0, number.longValue()) : 0;
            Optional<JsonObject> copy =
                    hinted > 0 && record instanceof JsonObject object ? Optional.of(object) : Optional.empty();
            if (copy.isEmpty()) {
                hinted = 0;
            }
            long reservedTo = document.get("reservedTo") instanceof Number number ? number.longValue() : hinted;
            return new Hint(hinted, copy, Math.max(hinted, reservedTo), result.cas());
        }
        log.debug("Tip hint {} is not a JSON object; probing from the start of the chain", key);
        return new Hint(0, Optional.empty(), 0, result.cas());
    }

    // ---- locks

    /** The lock document of {@code lockKey}: held by {@code owner} until {@code expiresAt}, or released (empty owner). */
    static JsonObject encodeLock(String lockKey, Optional<String> owner, Instant expiresAt, long token) {
        JsonObject document = JsonObject.create().put(TYPE_FIELD, LOCK_TYPE).put("key", lockKey);
        owner.ifPresentOrElse(holder -> document.put("owner", holder), () -> document.putNull("owner"));
        return document.put("expiresAt", expiresAt.toString()).put("token", token);
    }

    /**
     * The lock of {@code lockKey} as stored in {@code result}.
     *
     * @throws UnreadableRecordException when the document is not a readable lock (no JSON object, an
     *     owner that is neither text nor null, a token that is not a whole number, an expiry that is
     *     not an ISO-8601 instant): it cannot be taken over safely, so a person has to look at it
     */
    StoredLock decodeLock(String lockKey, GetResult result) {
        byte[] content = result.contentAsBytes();
        JsonObject document = object(content)
                .orElseThrow(() -> unreadableLock(lockKey, "document", new String(content, StandardCharsets.UTF_8)));
        Object owner = document.get("owner");
        if (!document.containsKey("owner") || !(owner == null || owner instanceof String)) {
            throw unreadableLock(lockKey, "owner", shown(document, "owner"));
        }
        Object token = document.get("token");
        if (!(token instanceof Integer || token instanceof Long)) {
            throw unreadableLock(lockKey, "token", shown(document, "token"));
        }
        Object expiresAt = document.get("expiresAt");
        Instant expiry;
        try {
            expiry = Instant.parse(expiresAt instanceof String text ? text : "");
        } catch (DateTimeParseException e) {
            throw unreadableLock(lockKey, "expiresAt", shown(document, "expiresAt"));
        }
        return new StoredLock(Optional.ofNullable((String) owner), expiry, ((Number) token).longValue(), result.cas());
    }

    private static String shown(JsonObject document, String field) {
        return document.containsKey(field) ? String.valueOf(document.get(field)) : MISSING;
    }

    private UnreadableRecordException unreadableLock(String lockKey, String field, String value) {
        return UnreadableRecordException.ofLock(lockKey, field, value, where(lockKey(lockKey)));
    }

    /** Where the document with {@code key} is, for messages. */
    private String where(String key) {
        return "Couchbase document '" + key + "' (bucket '" + settings.bucket() + "', collection '"
                + settings.keyspace() + "')";
    }
}
