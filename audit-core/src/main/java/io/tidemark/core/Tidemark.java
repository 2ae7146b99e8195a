package io.tidemark.core;

import io.tidemark.api.Recovery;
import io.tidemark.core.internal.engine.ChainSettings;
import io.tidemark.core.internal.engine.ChangeEngine;
import io.tidemark.core.internal.loading.ChangeDefinition;
import io.tidemark.core.internal.loading.ChangeSet;
import io.tidemark.core.internal.operator.ChainOperator;
import io.tidemark.core.operator.OperatorApi;
import io.tidemark.spi.AuditStore;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A configured, validated Tidemark: runs its change units against its audit store, and gives the
 * operator API for that chain. Built by {@link #builder()}; thread-safe; {@link #run()} may be
 * called again (it then finds nothing to do, or what is new).
 *
 * <pre>{@code
 * RunReport report = Tidemark.builder()
 *         .auditStore(DynamoDbAuditStore.builder(dynamoDbClient).build())
 *         .scanPackage("com.example.changes")
 *         .dependency(DynamoDbClient.class, dynamoDbClient)
 *         .build()
 *         .run();
 * }</pre>
 */
public final class Tidemark implements AutoCloseable {

    private final ChainSettings settings;
    private final ChangeSet changes;
    private final boolean ownsStore;

    Tidemark(ChainSettings settings, ChangeSet changes, boolean ownsStore) {
        this.settings = settings;
        this.changes = changes;
        this.ownsStore = ownsStore;
    }

    /**
     * Starts configuring a Tidemark.
     *
     * @return a builder with no store, no change units and the defaults
     */
    public static TidemarkBuilder builder() {
        return new TidemarkBuilder();
    }

    /**
     * Runs every pending change unit once, in order, under the chain's lock.
     *
     * @return what was applied and skipped
     * @throws io.tidemark.core.error.ChangeFailedException   a change unit threw (after recording it)
     * @throws io.tidemark.core.error.IssuesPendingException  an earlier run left a change unfinished
     * @throws io.tidemark.core.error.LockTimeoutException    another instance held the lock too long
     * @throws io.tidemark.core.error.LockLostException       the lease was lost mid-run
     * @throws io.tidemark.core.error.StoreUnavailableException the backend failed
     */
    public RunReport run() {
        return new ChangeEngine(settings, changes).run();
    }

    /**
     * The operator API for this chain, aware of this Tidemark's change units. It shares this
     * Tidemark's store: closing it leaves the store open (closing the Tidemark closes a store it owns).
     *
     * @return an operator API over this Tidemark's store and chain
     */
    public OperatorApi operator() {
        Map<String, Recovery> known = changes.changes().stream()
                .collect(Collectors.toMap(ChangeDefinition::id, ChangeDefinition::recovery));
        return new ChainOperator(settings, known, false);
    }

    /** {@return the validated change units, in the order they run} */
    public List<ChangeUnitInfo> changeUnits() {
        return changes.changes().stream().map(ChangeDefinition::info).toList();
    }

    /**
     * The digest of this Tidemark's change set: SHA-256 over the change ids sorted by their UTF-16
     * code units, each written as {@code <length of its UTF-8 bytes>:<id>} and a line feed, in
     * lower-case hex. A run that leaves every change done ends with a {@code CHECKPOINT} record holding
     * it under {@link io.tidemark.spi.AuditRecord#META_CHANGE_SET_DIGEST}; a later start that finds that
     * checkpoint at the tip has nothing to do, after one read.
     *
     * @return the digest, 64 lower-case hex digits
     */
    public String changeSetDigest() {
        return changes.digest();
    }

    /** {@return the audit store} */
    public AuditStore store() {
        return settings.store();
    }

    /** {@return the chain this Tidemark runs on} */
    public String chain() {
        return settings.chain();
    }

    /** {@return this instance's identity, as written in audit records} */
    public String instanceId() {
        return settings.instanceId();
    }

    /** Closes the audit store if it was created from configuration; a store passed in stays open. */
    @Override
    public void close() {
        if (ownsStore) {
            settings.store().close();
        }
    }

    @Override
    public String toString() {
        return "Tidemark{chain=" + settings.chain() + ", store=" + settings.store().describe() + ", changes="
                + changes.changes().size() + "}";
    }

    /** Keys read from configuration by the builder. */
    public static final class Keys {
        /** The audit chain (default {@code default}). */
        public static final String CHAIN = "tidemark.chain";
        /** How long to wait for a held lock (default 3m). */
        public static final String LOCK_TIMEOUT = "tidemark.lock.timeout";
        /** Duration of one lease (default 60s). */
        public static final String LEASE_DURATION = "tidemark.lock.lease-duration";
        /** The instance id written in records (default host-pid-random). */
        public static final String INSTANCE_ID = "tidemark.instance-id";
        /** The store to use: {@code dynamodb}, {@code mongodb} or {@code couchbase}. */
        public static final String STORE = "tidemark.store";

        private Keys() {
        }
    }
}
