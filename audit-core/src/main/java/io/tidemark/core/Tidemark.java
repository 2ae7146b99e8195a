package io.tidemark.core;

import io.tidemark.api.Recovery;
import io.tidemark.core.config.StoreResolver;
import io.tidemark.core.engine.ChangeDefinition;
import io.tidemark.core.engine.ChangeEngine;
import io.tidemark.core.engine.ChangeSet;
import io.tidemark.core.engine.EngineSettings;
import io.tidemark.core.model.RunReport;
import io.tidemark.core.operator.OperatorApi;
import io.tidemark.core.port.AuditStore;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A configured, validated Tidemark: runs its change units against its audit store, and gives the
 * operator API for that chain. Built by {@link #builder()}; thread-safe; {@link #run()} may be
 * called again (it then finds nothing to do, or what is new).
 *
 * <pre>{@code
 * RunReport report = Tidemark.builder()
 *         .auditStore(new DynamoDbAuditStore(dynamoDbClient))
 *         .scanPackage("com.example.changes")
 *         .dependency(DynamoDbClient.class, dynamoDbClient)
 *         .build()
 *         .run();
 * }</pre>
 */
public final class Tidemark implements AutoCloseable {

    private final EngineSettings settings;
    private final boolean ownsStore;

    Tidemark(EngineSettings settings, boolean ownsStore) {
        this.settings = settings;
        this.ownsStore = ownsStore;
    }

    /** Starts configuring a Tidemark. */
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
        return new ChangeEngine(settings).run();
    }

    /** The operator API for this chain, aware of this Tidemark's change units. */
    public OperatorApi operator() {
        Map<String, Recovery> known = settings.changes().changes().stream()
                .collect(Collectors.toMap(ChangeDefinition::id, ChangeDefinition::recovery));
        return new OperatorApi(settings.store(), settings.chain(), known, settings.lockPolicy(), settings.clock(),
                settings.sleeper(), settings.host(), settings.instanceId());
    }

    /** The validated change units, in order. */
    public ChangeSet changeSet() {
        return settings.changes();
    }

    /** The audit store. */
    public AuditStore store() {
        return settings.store();
    }

    /** The chain this Tidemark runs on. */
    public String chain() {
        return settings.chain();
    }

    /** This instance's identity, as written in audit records. */
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
                + settings.changes().changes().size() + "}";
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
        public static final String STORE = StoreResolver.STORE_KEY;

        private Keys() {
        }
    }
}
