package io.tidemark.adapter.mongodb.testing;

import io.tidemark.spi.AuditRecord;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bson.Document;

/**
 * The audit document shape as the adapter's README documents it, written here independently of the
 * adapter's own (package-private) codec: what a tool or an intruder writing to the collection
 * directly would produce. Tests and the benchmark use it to store records without the store (bulk
 * loads, tampering); the adapter's tests check that it matches what the store writes, field for
 * field, so that a change of the shape is noticed in both places.
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
    public static final String PREVIOUS_HASH = "previousHash";
    public static final String HASH = "hash";

    private AuditDocuments() {}

    /** The document the README describes for {@code record}, without {@code _id}. */
    public static Document toDocument(AuditRecord record) {
        List<Document> metadata = new ArrayList<>();
        record.metadata().forEach((key, value) -> metadata.add(new Document("k", key).append("v", value)));
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
}
