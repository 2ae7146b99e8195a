package io.tidemark.core;

import io.tidemark.core.event.TidemarkListener;
import io.tidemark.core.internal.engine.ChainSettings;
import io.tidemark.core.internal.engine.ChangeEngine;
import io.tidemark.core.internal.engine.Planner;
import io.tidemark.core.internal.engine.ValidateOnlyRun;
import io.tidemark.core.internal.loading.ChangeDefinition;
import io.tidemark.core.internal.loading.ChangeUnits;
import io.tidemark.core.internal.operator.ChainOperator;
import io.tidemark.core.operator.OperatorApi;
import io.tidemark.spi.AuditStore;
import java.util.List;

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
    private final ChangeUnits changes;
    private final boolean ownsStore;
    private final boolean validateOnly;
    private final List<TidemarkListener> listeners;

    Tidemark(
            ChainSettings settings,
            ChangeUnits changes,
            boolean ownsStore,
            boolean validateOnly,
            List<TidemarkListener> listeners) {
        this.settings = settings;
        this.changes = changes;
        this.ownsStore = ownsStore;
        this.validateOnly = validateOnly;
        this.listeners = List.copyOf(listeners);
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
     * Runs every pending change unit once, in order, under the chain's lock. The registered
     * {@linkplain TidemarkBuilder#listener listeners} receive the run's events on this thread, in order.
     *
     * <p>With change units known from a build-time index (see {@link TidemarkBuilder#build()}), a run
     * whose chain ends with a checkpoint of this change set loads no change-unit class; any other run
     * first loads and validates them, and then throws {@link io.tidemark.core.error.ConfigurationException}
     * listing every problem, as {@code build()} does without an index.
     *
     * <p>Validate-only ({@link #isValidateOnly()}: {@code tidemark.mode=validate}, or the builder's
     * {@code validateOnly()}), it applies nothing: it reads the {@link #plan()}, returns the report of a
     * run with nothing to do when the chain is up to date, and otherwise throws
     * {@link io.tidemark.core.error.PendingChangesException} naming each pending change and each issue.
     * It then takes no lock and writes nothing, and costs one read on a chain that ends with a
     * checkpoint of this change set; the listeners get {@code RunStarted}, an {@code IssueFound} per
     * issue and {@code RunFinished} or {@code RunFailed}. (A validate-only Tidemark loads and validates its change units in
     * {@code build()}, index or not.)
     *
     * @return what was applied and skipped
     * @throws io.tidemark.core.error.ChangeFailedException   a change unit threw (after recording it)
     * @throws io.tidemark.core.error.IssuesPendingException  an earlier run left a change unfinished
     * @throws io.tidemark.core.error.LockTimeoutException    another instance held the lock too long
     * @throws io.tidemark.core.error.LockLostException       the lease was lost mid-run
     * @throws io.tidemark.core.error.StoreUnavailableException the backend failed
     * @throws io.tidemark.core.error.PendingChangesException   validate-only, and the chain is not up to date
     * @throws io.tidemark.core.error.ConfigurationException  change units known from an index turned out
     *     invalid once loaded
     */
    public RunReport run() {
        return validateOnly
                ? new ValidateOnlyRun(settings, changes.loaded(), listeners).run()
                : new ChangeEngine(settings, changes, listeners).run();
    }

    /**
     * What a run started now would do, change unit by change unit, decided as the run decides: run it,
     * skip it as applied, stop before it as an issue (with the record that makes it one), or not reach
     * it behind an issue; with the chain's tip and whether it is up to date.
     *
     * <p>Read-only: it takes no lock, does not initialise the store and writes nothing. On a chain that
     * ends with a checkpoint of this change set it costs one read of the tip, like an idle start;
     * otherwise one streaming read of the history. (With auto-create on, an adapter may still create a
     * missing table on a first read, as for any read; the command line's {@code tidemark plan} turns
     * auto-create off.) Change units known from a build-time index are loaded and fully validated
     * first, as a plan is a check that should catch everything {@code build()} would.
     *
     * @return the plan: each change unit's action, the chain's tip, whether it is up to date
     * @throws io.tidemark.core.error.StoreUnavailableException the backend failed
     * @throws io.tidemark.core.error.ConfigurationException change units known from an index turned out
     *     invalid once loaded
     */
    public Plan plan() {
        return new Planner(settings.chain(), changes.loaded())
                .read(settings.store().history());
    }

    /**
     * Whether {@link #run()} only validates (applies nothing); see there.
     *
     * @return true when runs only validate
     */
    public boolean isValidateOnly() {
        return validateOnly;
    }

    /**
     * The operator API for this chain, aware of this Tidemark's change units (so that it can
     * {@linkplain OperatorApi#baseline baseline} them). It shares this Tidemark's store: closing it
     * leaves the store open (closing the Tidemark closes a store it owns).
     *
     * @return an operator API over this Tidemark's store and chain
     */
    public OperatorApi operator() {
        return new ChainOperator(settings, changes.loaded(), false);
    }

    /**
     * The validated change units, in the order they run. Change units known from a build-time index
     * are loaded and validated by the first call (which then throws what {@code build()} would).
     *
     * @return the change units, in run order
     * @throws io.tidemark.core.error.ConfigurationException change units known from an index turned out
     *     invalid once loaded
     */
    public List<ChangeUnitInfo> changeUnits() {
        return changes.loaded().changes().stream().map(ChangeDefinition::info).toList();
    }

    /**
     * The digest of this Tidemark's change set: SHA-256 over the change ids sorted by their UTF-16
     * code units, each written as {@code <length of its UTF-8 bytes>:<id>} and a line feed, in
     * lower-case hex. A run that leaves every change done ends with a {@code CHECKPOINT} record holding
     * it under {@link io.tidemark.spi.AuditRecord#META_CHANGE_SET_DIGEST}; a later start that finds that
     * checkpoint at the tip has nothing to do, after one read. With a build-time index it is the digest
     * of the change units the index lists (checked against the class files), and no class is loaded.
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
        return "Tidemark{chain=" + settings.chain() + ", store="
                + settings.store().describe() + ", changes=" + changes.size() + "}";
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
        /**
         * What {@code run()} does: {@code run} (the default) applies pending changes; {@code validate}
         * applies nothing and fails when anything is pending (see {@link Tidemark#run()}).
         */
        public static final String MODE = "tidemark.mode";

        private Keys() {}
    }
}
