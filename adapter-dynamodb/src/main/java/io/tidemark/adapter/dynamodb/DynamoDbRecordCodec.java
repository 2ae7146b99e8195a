package io.tidemark.adapter.dynamodb;

import io.tidemark.core.error.UnreadableRecordException;
import io.tidemark.spi.AuditRecord;
import io.tidemark.spi.AuditState;
import io.tidemark.spi.Lease;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * How Tidemark's records are stored as DynamoDB items, in both directions: the audit item (one per
 * record) and the lock item (one per lock key), with their keys.
 *
 * <p>Audit item, every component of {@link AuditRecord} an attribute of its own:
 *
 * <pre>
 * chain           S   partition key: the audit chain
 * seq             N   sort key: position in the chain, from 1
 * executionId     S   changeId S   author S   changeOrder S
 * state           S   an {@link AuditState} name
 * timestampMillis N   epoch milliseconds
 * durationMillis  N
 * host            S   instanceId S   className S   methodName S
 * errorType       S   errorMessage S   ("" when there was no error)
 * metadata        M   string to S, possibly empty
 * previousHash    S   hash S
 * </pre>
 *
 * <p>Empty strings are stored as empty strings (DynamoDB accepts them outside keys), so reading an
 * item back gives a record {@code equals()} to the one written. An attribute that is merely missing
 * (an item edited by hand) reads as empty text or 0, so that verification can still read the record
 * and report it as edited; a number with a fraction reads rounded down, and verification reports
 * it the same way. An attribute that is present but cannot be decoded (a state this version does
 * not know, a number stored as text or beyond the range of a long, text stored as a number or a
 * map) raises {@link UnreadableRecordException} naming the chain, the sequence, the attribute and
 * its value.
 *
 * <p>Lock item:
 *
 * <pre>
 * lockKey   S   partition key: the lock key (the engine uses the chain name)
 * owner     S   the holder; absent once released
 * expiresAt N   epoch milliseconds when the lease ends unless extended
 * token     N   fencing token: +1 on every acquisition, kept on release
 * </pre>
 *
 * <p>A lock item whose owner is present but is not text, whose expiry or token is missing while an
 * owner is present, or whose expiry or token is not a number within the range of a long raises
 * {@link UnreadableRecordException#ofLock} naming the lock key, the attribute and its value.
 */
final class DynamoDbRecordCodec {

    /** Audit item: partition key, the chain. */
    static final String CHAIN = "chain";
    /** Audit item: sort key, the sequence number. */
    static final String SEQ = "seq";

    static final String EXECUTION_ID = "executionId";
    static final String CHANGE_ID = "changeId";
    static final String AUTHOR = "author";
    static final String ORDER = "changeOrder";
    static final String STATE = "state";
    static final String TIMESTAMP = "timestampMillis";
    static final String DURATION = "durationMillis";
    static final String HOST = "host";
    static final String INSTANCE_ID = "instanceId";
    static final String CLASS_NAME = "className";
    static final String METHOD_NAME = "methodName";
    static final String ERROR_TYPE = "errorType";
    static final String ERROR_MESSAGE = "errorMessage";
    static final String METADATA = "metadata";
    static final String PREVIOUS_HASH = "previousHash";
    static final String HASH = "hash";

    /** Lock item: partition key, the lock key. */
    static final String LOCK_KEY = "lockKey";

    static final String OWNER = "owner";
    static final String EXPIRES_AT = "expiresAt";
    static final String TOKEN = "token";

    private static final String MISSING = "(missing)";

    private DynamoDbRecordCodec() {}

    /** The item that stores {@code record}. */
    static Map<String, AttributeValue> toItem(AuditRecord record) {
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        item.put(CHAIN, text(record.chain()));
        item.put(SEQ, number(record.seq()));
        item.put(EXECUTION_ID, text(record.executionId()));
        item.put(CHANGE_ID, text(record.changeId()));
        item.put(AUTHOR, text(record.author()));
        item.put(ORDER, text(record.order()));
        item.put(STATE, text(record.state().name()));
        item.put(TIMESTAMP, number(record.timestamp().toEpochMilli()));
        item.put(DURATION, number(record.durationMillis()));
        item.put(HOST, text(record.host()));
        item.put(INSTANCE_ID, text(record.instanceId()));
        item.put(CLASS_NAME, text(record.className()));
        item.put(METHOD_NAME, text(record.methodName()));
        item.put(ERROR_TYPE, text(record.errorType()));
        item.put(ERROR_MESSAGE, text(record.errorMessage()));
        Map<String, AttributeValue> metadata = new LinkedHashMap<>();
        record.metadata().forEach((key, value) -> metadata.put(key, text(value)));
        item.put(METADATA, AttributeValue.fromM(metadata));
        item.put(PREVIOUS_HASH, text(record.previousHash()));
        item.put(HASH, text(record.hash()));
        return item;
    }

    /** The key of the audit item holding {@code seq} of {@code chain}. */
    static Map<String, AttributeValue> key(String chain, long seq) {
        return Map.of(CHAIN, text(chain), SEQ, number(seq));
    }

    /**
     * The record {@code item} stores; see the class description for missing and undecodable
     * attributes.
     *
     * @param where names the table in messages, e.g. "DynamoDB table 'tidemark_audit'"
     * @throws UnreadableRecordException when an attribute is present but cannot be decoded
     */
    static AuditRecord fromItem(Map<String, AttributeValue> item, String where) {
        AuditItemReader reader = new AuditItemReader(item, where);
        return AuditRecord.builder()
                .chain(reader.chain)
                .seq(reader.seq)
                .executionId(reader.text(EXECUTION_ID))
                .changeId(reader.text(CHANGE_ID))
                .author(reader.text(AUTHOR))
                .order(reader.text(ORDER))
                .state(reader.state())
                .timestamp(Instant.ofEpochMilli(reader.number(TIMESTAMP)))
                .durationMillis(reader.number(DURATION))
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

    /** The key of the lock item of {@code lockKey}. */
    static Map<String, AttributeValue> lockKey(String lockKey) {
        return Map.of(LOCK_KEY, text(lockKey));
    }

    /**
     * The lease the lock item of {@code key} records, or empty when nobody holds it: no item, or an
     * item without owner (released). See the class description for what cannot be decoded.
     *
     * @param item  the lock item as stored (empty when there is none)
     * @param where names the table in messages, e.g. "DynamoDB table 'tidemark_lock'"
     * @throws UnreadableRecordException (from {@link UnreadableRecordException#ofLock}) when the
     *     item cannot be decoded
     */
    static Optional<Lease> leaseOf(String key, Map<String, AttributeValue> item, String where) {
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        AttributeValue token = item.get(TOKEN);
        AttributeValue owner = item.get(OWNER);
        if (owner == null) {
            if (token != null) {
                wholeNumber(token).orElseThrow(() -> unreadableLock(key, TOKEN, token, where));
            }
            return Optional.empty();
        }
        if (owner.s() == null || owner.s().isBlank()) {
            throw unreadableLock(key, OWNER, owner, where);
        }
        AttributeValue expiresAt = item.get(EXPIRES_AT);
        long expiry = wholeNumber(expiresAt).orElseThrow(() -> unreadableLock(key, EXPIRES_AT, expiresAt, where));
        long fencingToken = wholeNumber(token).orElseThrow(() -> unreadableLock(key, TOKEN, token, where));
        return Optional.of(new Lease(key, owner.s(), Instant.ofEpochMilli(expiry), fencingToken));
    }

    static AttributeValue text(String value) {
        return AttributeValue.fromS(value);
    }

    static AttributeValue number(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }

    /**
     * The number {@code value} holds, rounded down to a whole number as DynamoDB's own comparisons
     * would place it, if it is an {@code N} attribute within the range of a long.
     */
    private static Optional<Long> wholeNumber(AttributeValue value) {
        if (value == null || value.n() == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(
                    new BigDecimal(value.n()).setScale(0, RoundingMode.FLOOR).longValueExact());
        } catch (ArithmeticException | NumberFormatException outOfRange) {
            return Optional.empty();
        }
    }

    /** An attribute value as a person reads it in a message: "S 'abc'", "N 1.5", "(missing)". */
    private static String shown(AttributeValue value) {
        if (value == null) {
            return MISSING;
        }
        if (value.s() != null) {
            return value.s();
        }
        if (value.n() != null) {
            return value.n();
        }
        String rendered = value.toString();
        return rendered.startsWith("AttributeValue(") && rendered.endsWith(")")
                ? rendered.substring("AttributeValue(".length(), rendered.length() - 1)
                : rendered;
    }

    private static UnreadableRecordException unreadableLock(
            String key, String field, AttributeValue value, String where) {
        return UnreadableRecordException.ofLock(key, field, shown(value), where);
    }

    /** Reads the attributes of one audit item, naming the record when one cannot be decoded. */
    private static final class AuditItemReader {
        private final Map<String, AttributeValue> item;
        private final String where;
        private final String chain;
        private final long seq;

        AuditItemReader(Map<String, AttributeValue> item, String where) {
            this.item = item;
            this.where = where;
            AttributeValue chainValue = item.get(CHAIN);
            this.chain = chainValue == null || chainValue.s() == null ? "" : chainValue.s();
            this.seq = wholeNumber(item.get(SEQ)).orElse(0L);
        }

        String text(String name) {
            AttributeValue value = item.get(name);
            if (value == null) {
                return "";
            }
            if (value.s() == null) {
                throw unreadable(name, value);
            }
            return value.s();
        }

        long number(String name) {
            AttributeValue value = item.get(name);
            if (value == null) {
                return 0;
            }
            return wholeNumber(value).orElseThrow(() -> unreadable(name, value));
        }

        AuditState state() {
            String name = text(STATE);
            try {
                return AuditState.valueOf(name);
            } catch (IllegalArgumentException unknown) {
                throw new UnreadableRecordException(chain, seq, STATE, name, where);
            }
        }

        Map<String, String> metadata() {
            AttributeValue stored = item.get(METADATA);
            Map<String, String> metadata = new LinkedHashMap<>();
            if (stored == null) {
                return metadata;
            }
            if (!stored.hasM()) {
                throw unreadable(METADATA, stored);
            }
            stored.m().forEach((key, value) -> {
                if (value.s() == null) {
                    throw unreadable(METADATA + "." + key, value);
                }
                metadata.put(key, value.s());
            });
            return metadata;
        }

        private UnreadableRecordException unreadable(String name, AttributeValue value) {
            return new UnreadableRecordException(chain, seq, name, shown(value), where);
        }
    }
}
