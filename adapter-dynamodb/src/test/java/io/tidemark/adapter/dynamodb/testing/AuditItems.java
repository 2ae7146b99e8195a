package io.tidemark.adapter.dynamodb.testing;

import io.tidemark.spi.AuditRecord;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Audit and lock items as the adapter's README documents them ("Document shape"), written from the
 * outside: for tests and tools that put items into the tables without the store (tampering,
 * unreadable records, bulk loading in the benchmarks). The adapter's own codec is package-private;
 * {@code DocumentShapeTest} checks that the store writes and reads exactly these items, so that this
 * class, the codec and the README cannot drift apart.
 */
public final class AuditItems {

    /** Audit item: partition key attribute. */
    public static final String CHAIN = "chain";
    /** Audit item: sort key attribute. */
    public static final String SEQ = "seq";
    /** Audit item: the record's state. */
    public static final String STATE = "state";
    /** Lock item: partition key attribute. */
    public static final String LOCK_KEY = "lockKey";
    /** Lock item: the holder, absent once released. */
    public static final String OWNER = "owner";
    /** Lock item: expiry in epoch milliseconds. */
    public static final String EXPIRES_AT = "expiresAt";
    /** Lock item: the fencing token. */
    public static final String TOKEN = "token";

    private AuditItems() {}

    /** The audit item that stores {@code record}. */
    public static Map<String, AttributeValue> toItem(AuditRecord record) {
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        item.put(CHAIN, AttributeValue.fromS(record.chain()));
        item.put(SEQ, number(record.seq()));
        item.put("executionId", AttributeValue.fromS(record.executionId()));
        item.put("changeId", AttributeValue.fromS(record.changeId()));
        item.put("author", AttributeValue.fromS(record.author()));
        item.put("changeOrder", AttributeValue.fromS(record.order()));
        item.put(STATE, AttributeValue.fromS(record.state().name()));
        item.put("timestampMillis", number(record.timestamp().toEpochMilli()));
        item.put("durationMillis", number(record.durationMillis()));
        item.put("host", AttributeValue.fromS(record.host()));
        item.put("instanceId", AttributeValue.fromS(record.instanceId()));
        item.put("className", AttributeValue.fromS(record.className()));
        item.put("methodName", AttributeValue.fromS(record.methodName()));
        item.put("errorType", AttributeValue.fromS(record.errorType()));
        item.put("errorMessage", AttributeValue.fromS(record.errorMessage()));
        Map<String, AttributeValue> metadata = new LinkedHashMap<>();
        record.metadata().forEach((key, value) -> metadata.put(key, AttributeValue.fromS(value)));
        item.put("metadata", AttributeValue.fromM(metadata));
        item.put("previousHash", AttributeValue.fromS(record.previousHash()));
        item.put("hash", AttributeValue.fromS(record.hash()));
        return item;
    }

    /** The key of the audit item holding {@code seq} of {@code chain}. */
    public static Map<String, AttributeValue> key(String chain, long seq) {
        return Map.of(CHAIN, AttributeValue.fromS(chain), SEQ, number(seq));
    }

    /** The key of the lock item of {@code lockKey}. */
    public static Map<String, AttributeValue> lockKey(String lockKey) {
        return Map.of(LOCK_KEY, AttributeValue.fromS(lockKey));
    }

    private static AttributeValue number(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }
}
