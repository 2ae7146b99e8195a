package io.tidemark.adapter.dynamodb;

import io.tidemark.core.error.UnreadableRecordException;
import io.tidemark.spi.AuditRecord;
import io.tidemark.spi.AuditState;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * How one {@link AuditRecord} is stored as a DynamoDB item, in both directions. Public so that
 * tools (exports, tests that tamper with the log on purpose) write exactly what the store writes.
 *
 * <p>One item per record, every component an attribute of its own:
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
 * <p>Empty strings are stored as empty strings (DynamoDB accepts them outside keys), so reading
 * an item back gives a record {@code equals()} to the one written.
 */
public final class AuditItemFormat {

    /** Partition key attribute: the chain. */
    public static final String CHAIN = "chain";
    /** Sort key attribute: the sequence number. */
    public static final String SEQ = "seq";
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

    private AuditItemFormat() {
    }

    /** The item that stores {@code record}. */
    public static Map<String, AttributeValue> toItem(AuditRecord record) {
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

    /** The key of the item holding {@code seq} of {@code chain}. */
    public static Map<String, AttributeValue> key(String chain, long seq) {
        return Map.of(CHAIN, text(chain), SEQ, number(seq));
    }

    /** As {@link #fromItem(Map, String)}, naming the store "DynamoDB" in messages. */
    public static AuditRecord fromItem(Map<String, AttributeValue> item) {
        return fromItem(item, "DynamoDB");
    }

    /**
     * The record {@code item} stores. Attributes missing from an item edited by hand read as empty
     * text or 0, so that verification can still read the record and report it.
     *
     * @param where names the table in messages, e.g. "DynamoDB table 'tidemark_audit'"
     * @throws UnreadableRecordException when the item's state is not one this version knows (a
     *     newer Tidemark version most likely wrote it)
     */
    public static AuditRecord fromItem(Map<String, AttributeValue> item, String where) {
        String chain = textOf(item, CHAIN);
        long seq = numberOf(item, SEQ);
        String stateName = textOf(item, STATE);
        AuditState state;
        try {
            state = AuditState.valueOf(stateName);
        } catch (IllegalArgumentException e) {
            throw new UnreadableRecordException(chain, seq, "state", stateName, where);
        }
        Map<String, String> metadata = new HashMap<>();
        AttributeValue stored = item.get(METADATA);
        if (stored != null && stored.hasM()) {
            stored.m().forEach((key, value) -> metadata.put(key, value.s() != null ? value.s() : String.valueOf(value.n())));
        }
        return AuditRecord.builder()
                .chain(chain).seq(seq).executionId(textOf(item, EXECUTION_ID)).changeId(textOf(item, CHANGE_ID))
                .author(textOf(item, AUTHOR)).order(textOf(item, ORDER)).state(state)
                .timestamp(Instant.ofEpochMilli(numberOf(item, TIMESTAMP))).durationMillis(numberOf(item, DURATION))
                .host(textOf(item, HOST)).instanceId(textOf(item, INSTANCE_ID)).className(textOf(item, CLASS_NAME))
                .methodName(textOf(item, METHOD_NAME)).errorType(textOf(item, ERROR_TYPE))
                .errorMessage(textOf(item, ERROR_MESSAGE)).metadata(metadata)
                .previousHash(textOf(item, PREVIOUS_HASH)).hash(textOf(item, HASH))
                .build();
    }

    static AttributeValue text(String value) {
        return AttributeValue.fromS(value);
    }

    static AttributeValue number(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }

    private static String textOf(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        if (value == null) {
            return "";
        }
        return value.s() != null ? value.s() : value.n() != null ? value.n() : "";
    }

    private static long numberOf(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        if (value == null || value.n() == null) {
            return 0;
        }
        try {
            return new BigDecimal(value.n()).longValue();
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
