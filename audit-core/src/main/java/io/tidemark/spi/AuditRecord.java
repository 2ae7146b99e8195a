package io.tidemark.spi;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One entry of an audit chain, exactly as stored.
 *
 * <p>Every component is non-null. Text components with nothing to say are empty strings:
 * {@code errorType} and {@code errorMessage} are empty unless the record reports an error, and
 * {@code author}, {@code className} and {@code methodName} are empty on a {@link AuditState#CHECKPOINT}.
 * The timestamp is kept at millisecond precision, the precision every backend stores.
 *
 * <p>The constructor checks presence only, never plausibility: a record that was edited in the
 * database must still be readable so that verification can report it. Sequences start at 1.
 *
 * @param chain          the audit chain (independent log) the record belongs to
 * @param seq            its position in the chain, 1 for the first record
 * @param executionId    the run that wrote it
 * @param changeId       the change it is about ({@code ""} on a checkpoint)
 * @param author         the change's author
 * @param order          the change's order
 * @param state          what happened
 * @param timestamp      when, from the writer's clock, millisecond precision
 * @param durationMillis how long the attempt took; 0 for {@code STARTED} and marks
 * @param host           the writer's host name
 * @param instanceId     the writing instance
 * @param className      the change unit's class
 * @param methodName     the method invoked ({@code @Execution} or {@code @RollbackExecution})
 * @param errorType      class name of the error, or {@code ""}
 * @param errorMessage   the error's message, bounded to {@link #MAX_ERROR_MESSAGE_LENGTH}, or {@code ""}
 * @param metadata       free-form facts; keys starting with {@code tidemark.} are the engine's
 * @param previousHash   {@code hash} of the record before it, or {@link #GENESIS_HASH} for the first
 * @param hash           SHA-256 over the canonical encoding of every other component
 */
public record AuditRecord(
        String chain,
        long seq,
        String executionId,
        String changeId,
        String author,
        String order,
        AuditState state,
        Instant timestamp,
        long durationMillis,
        String host,
        String instanceId,
        String className,
        String methodName,
        String errorType,
        String errorMessage,
        Map<String, String> metadata,
        String previousHash,
        String hash) {

    /** The {@code previousHash} of the first record of every chain: 64 zeros. */
    public static final String GENESIS_HASH = "0".repeat(64);

    /** Longest error message the engine writes; longer messages are cut and marked. */
    public static final int MAX_ERROR_MESSAGE_LENGTH = 2_000;

    /** Metadata key the engine sets on records of changes that ran inside a backend transaction. */
    public static final String META_TRANSACTIONAL = "tidemark.transactional";
    /** Metadata key holding the operator who wrote a {@code MARKED_*} record. */
    public static final String META_OPERATOR = "tidemark.operator";
    /** Metadata key holding the reason given for a {@code MARKED_*} record. */
    public static final String META_REASON = "tidemark.reason";
    /**
     * Metadata key set to {@code "true"} on the {@code MARKED_APPLIED} records a baseline wrote
     * ({@code OperatorApi.baseline}): changes declared applied because the system already had them
     * when Tidemark was adopted, not because they ran.
     */
    public static final String META_BASELINE = "tidemark.baseline";
    /** Metadata key holding the change-set digest of a {@code CHECKPOINT}. */
    public static final String META_CHANGE_SET_DIGEST = "tidemark.changeSetDigest";
    /** Metadata key holding how many changes a {@code CHECKPOINT} covers. */
    public static final String META_CHANGE_COUNT = "tidemark.changeCount";

    /**
     * Checks that every component is set; cuts the timestamp to milliseconds and copies the metadata, sorted.
     *
     * @param chain          the audit chain (independent log) the record belongs to
     * @param seq            its position in the chain, 1 for the first record
     * @param executionId    the run that wrote it
     * @param changeId       the change it is about ({@code ""} on a checkpoint)
     * @param author         the change's author
     * @param order          the change's order
     * @param state          what happened
     * @param timestamp      when, from the writer's clock, millisecond precision
     * @param durationMillis how long the attempt took; 0 for {@code STARTED} and marks
     * @param host           the writer's host name
     * @param instanceId     the writing instance
     * @param className      the change unit's class
     * @param methodName     the method invoked ({@code @Execution} or {@code @RollbackExecution})
     * @param errorType      class name of the error, or {@code ""}
     * @param errorMessage   the error's message, bounded to {@link #MAX_ERROR_MESSAGE_LENGTH}, or {@code ""}
     * @param metadata       free-form facts; keys starting with {@code tidemark.} are the engine's
     * @param previousHash   {@code hash} of the record before it, or {@link #GENESIS_HASH} for the first
     * @param hash           SHA-256 over the canonical encoding of every other component
     */
    public AuditRecord {
        Objects.requireNonNull(chain, "chain");
        Objects.requireNonNull(executionId, "executionId");
        Objects.requireNonNull(changeId, "changeId");
        Objects.requireNonNull(author, "author");
        Objects.requireNonNull(order, "order");
        Objects.requireNonNull(state, "state");
        timestamp = Objects.requireNonNull(timestamp, "timestamp").truncatedTo(ChronoUnit.MILLIS);
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(instanceId, "instanceId");
        Objects.requireNonNull(className, "className");
        Objects.requireNonNull(methodName, "methodName");
        Objects.requireNonNull(errorType, "errorType");
        Objects.requireNonNull(errorMessage, "errorMessage");
        metadata = Collections.unmodifiableMap(new TreeMap<>(Objects.requireNonNull(metadata, "metadata")));
        Objects.requireNonNull(previousHash, "previousHash");
        Objects.requireNonNull(hash, "hash");
    }

    /** {@return whether the record reports an error} */
    public boolean hasError() {
        return !errorType.isEmpty();
    }

    /** {@return whether the change ran inside a backend transaction, so a half-done attempt left nothing behind} */
    public boolean isTransactional() {
        return "true".equals(metadata.get(META_TRANSACTIONAL));
    }

    /**
     * A copy with another hash; used when sealing a record and by tests that tamper.
     *
     * @param newHash the copy's hash
     * @return a copy of this record with {@code hash} replaced
     */
    public AuditRecord withHash(String newHash) {
        return new AuditRecord(
                chain,
                seq,
                executionId,
                changeId,
                author,
                order,
                state,
                timestamp,
                durationMillis,
                host,
                instanceId,
                className,
                methodName,
                errorType,
                errorMessage,
                metadata,
                previousHash,
                newHash);
    }

    /** {@return a builder holding every component; {@code hash} and {@code previousHash} default to {@code ""}} */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return a builder preset with this record's components} */
    public Builder toBuilder() {
        return new Builder()
                .chain(chain)
                .seq(seq)
                .executionId(executionId)
                .changeId(changeId)
                .author(author)
                .order(order)
                .state(state)
                .timestamp(timestamp)
                .durationMillis(durationMillis)
                .host(host)
                .instanceId(instanceId)
                .className(className)
                .methodName(methodName)
                .errorType(errorType)
                .errorMessage(errorMessage)
                .metadata(metadata)
                .previousHash(previousHash)
                .hash(hash);
    }

    /** Mutable builder for {@link AuditRecord}; text components default to {@code ""}. */
    public static final class Builder {
        private String chain = "";
        private long seq;
        private String executionId = "";
        private String changeId = "";
        private String author = "";
        private String order = "";
        private AuditState state;
        private Instant timestamp;
        private long durationMillis;
        private String host = "";
        private String instanceId = "";
        private String className = "";
        private String methodName = "";
        private String errorType = "";
        private String errorMessage = "";
        private Map<String, String> metadata = Map.of();
        private String previousHash = "";
        private String hash = "";

        private Builder() {}

        /**
         * Sets the record's {@code chain}.
         *
         * @param value the {@code chain} component
         * @return this builder
         */
        public Builder chain(String value) {
            this.chain = value;
            return this;
        }
        /**
         * Sets the record's {@code seq}.
         *
         * @param value the {@code seq} component
         * @return this builder
         */
        public Builder seq(long value) {
            this.seq = value;
            return this;
        }
        /**
         * Sets the record's {@code executionId}.
         *
         * @param value the {@code executionId} component
         * @return this builder
         */
        public Builder executionId(String value) {
            this.executionId = value;
            return this;
        }
        /**
         * Sets the record's {@code changeId}.
         *
         * @param value the {@code changeId} component
         * @return this builder
         */
        public Builder changeId(String value) {
            this.changeId = value;
            return this;
        }
        /**
         * Sets the record's {@code author}.
         *
         * @param value the {@code author} component
         * @return this builder
         */
        public Builder author(String value) {
            this.author = value;
            return this;
        }
        /**
         * Sets the record's {@code order}.
         *
         * @param value the {@code order} component
         * @return this builder
         */
        public Builder order(String value) {
            this.order = value;
            return this;
        }
        /**
         * Sets the record's {@code state}.
         *
         * @param value the {@code state} component
         * @return this builder
         */
        public Builder state(AuditState value) {
            this.state = value;
            return this;
        }
        /**
         * Sets the record's {@code timestamp}.
         *
         * @param value the {@code timestamp} component
         * @return this builder
         */
        public Builder timestamp(Instant value) {
            this.timestamp = value;
            return this;
        }
        /**
         * Sets the record's {@code durationMillis}.
         *
         * @param value the {@code durationMillis} component
         * @return this builder
         */
        public Builder durationMillis(long value) {
            this.durationMillis = value;
            return this;
        }
        /**
         * Sets the record's {@code host}.
         *
         * @param value the {@code host} component
         * @return this builder
         */
        public Builder host(String value) {
            this.host = value;
            return this;
        }
        /**
         * Sets the record's {@code instanceId}.
         *
         * @param value the {@code instanceId} component
         * @return this builder
         */
        public Builder instanceId(String value) {
            this.instanceId = value;
            return this;
        }
        /**
         * Sets the record's {@code className}.
         *
         * @param value the {@code className} component
         * @return this builder
         */
        public Builder className(String value) {
            this.className = value;
            return this;
        }
        /**
         * Sets the record's {@code methodName}.
         *
         * @param value the {@code methodName} component
         * @return this builder
         */
        public Builder methodName(String value) {
            this.methodName = value;
            return this;
        }
        /**
         * Sets the record's {@code errorType}.
         *
         * @param value the {@code errorType} component
         * @return this builder
         */
        public Builder errorType(String value) {
            this.errorType = value;
            return this;
        }
        /**
         * Sets the record's {@code errorMessage}.
         *
         * @param value the {@code errorMessage} component
         * @return this builder
         */
        public Builder errorMessage(String value) {
            this.errorMessage = value;
            return this;
        }
        /**
         * Sets the record's {@code metadata}.
         *
         * @param value the {@code metadata} component
         * @return this builder
         */
        public Builder metadata(Map<String, String> value) {
            this.metadata = value;
            return this;
        }
        /**
         * Sets the record's {@code previousHash}.
         *
         * @param value the {@code previousHash} component
         * @return this builder
         */
        public Builder previousHash(String value) {
            this.previousHash = value;
            return this;
        }
        /**
         * Sets the record's {@code hash}.
         *
         * @param value the {@code hash} component
         * @return this builder
         */
        public Builder hash(String value) {
            this.hash = value;
            return this;
        }

        /**
         * Builds the record.
         *
         * @return the record
         * @throws NullPointerException when a component is null ({@code state} and {@code timestamp} have no default)
         */
        public AuditRecord build() {
            return new AuditRecord(
                    chain,
                    seq,
                    executionId,
                    changeId,
                    author,
                    order,
                    state,
                    timestamp,
                    durationMillis,
                    host,
                    instanceId,
                    className,
                    methodName,
                    errorType,
                    errorMessage,
                    metadata,
                    previousHash,
                    hash);
        }
    }
}
