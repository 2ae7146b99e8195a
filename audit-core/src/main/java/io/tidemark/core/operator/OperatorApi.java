package io.tidemark.core.operator;

import io.tidemark.api.Recovery;
import io.tidemark.core.chain.ChainVerifier;
import io.tidemark.core.chain.VerificationResult;
import io.tidemark.core.engine.ChainState;
import io.tidemark.core.engine.Decision;
import io.tidemark.core.error.UnknownChangeException;
import io.tidemark.core.lock.LeaseKeeper;
import io.tidemark.core.lock.LockAcquirer;
import io.tidemark.core.lock.LockPolicy;
import io.tidemark.core.lock.Sleeper;
import io.tidemark.core.model.AuditRecord;
import io.tidemark.core.model.AuditState;
import io.tidemark.core.model.Diagnosis;
import io.tidemark.core.model.Lease;
import io.tidemark.core.model.PendingIssue;
import io.tidemark.core.port.AuditStore;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What an operator needs to inspect and repair one audit chain: the history, the issues, manual
 * resolutions (appended as {@code MARKED_*} records under the lock, naming operator and reason), chain
 * verification and the lock's holder. Used by the command line and by code.
 *
 * <p>Works with or without the change-unit classes: without them ({@code knownChanges} empty) only
 * changes present in the history can be marked, and every unfinished change counts as an issue.
 */
public final class OperatorApi {

    private static final Logger log = LoggerFactory.getLogger(OperatorApi.class);

    private final AuditStore store;
    private final String chain;
    private final Map<String, Recovery> knownChanges;
    private final LockPolicy lockPolicy;
    private final Clock clock;
    private final Sleeper sleeper;
    private final String host;
    private final String instanceId;

    /**
     * @param knownChanges the registered change units (id to recovery), or empty
     */
    public OperatorApi(AuditStore store, String chain, Map<String, Recovery> knownChanges, LockPolicy lockPolicy,
            Clock clock, Sleeper sleeper, String host, String instanceId) {
        this.store = store;
        this.chain = chain;
        this.knownChanges = Map.copyOf(knownChanges);
        this.lockPolicy = lockPolicy;
        this.clock = clock;
        this.sleeper = sleeper;
        this.host = host;
        this.instanceId = instanceId;
    }

    /** The chain this API works on. */
    public String chain() {
        return chain;
    }

    /** The whole chain, oldest first; close the stream when done. */
    public Stream<AuditRecord> history() {
        return store.history().readAll(chain);
    }

    /** The record at the tip, if the chain has any. */
    public Optional<AuditRecord> tip() {
        return store.history().tip(chain);
    }

    /** The chain at a glance: size, tip, applied changes, issues and the lock, from one read of the history. */
    public ChainStatus status() {
        long[] records = new long[1];
        ChainState state = ChainState.empty(chain);
        try (Stream<AuditRecord> all = history()) {
            all.forEach(record -> {
                records[0]++;
                state.apply(record);
            });
        }
        int applied = (int) state.latestByChange().values().stream().filter(r -> r.state().meansApplied()).count();
        return new ChainStatus(chain, records[0], state.tip(), state.latestByChange().size(), applied, issuesIn(state),
                lockHolder());
    }

    /**
     * Changes whose latest record leaves them unfinished and that a run would not retry by itself,
     * in chain order. A change currently being run by a live instance also shows as {@code STARTED};
     * check {@link #lockHolder()} before acting.
     */
    public List<PendingIssue> issues() {
        return issuesIn(ChainState.read(store.history(), chain));
    }

    private List<PendingIssue> issuesIn(ChainState state) {
        List<PendingIssue> issues = new ArrayList<>();
        state.latestByChange().forEach((changeId, latest) -> {
            Recovery recovery = knownChanges.getOrDefault(changeId, Recovery.MANUAL_INTERVENTION);
            if (Decision.of(Optional.of(latest), recovery) == Decision.ISSUE) {
                issues.add(new PendingIssue(changeId, latest));
            }
        });
        issues.sort(Comparator.comparingLong(i -> i.latest().seq()));
        return issues;
    }

    /**
     * Declares {@code changeId} applied: runs will skip it. Appends a {@code MARKED_APPLIED} record
     * under the lock; when the change is already applied, appends nothing and returns its latest record.
     *
     * @throws UnknownChangeException when neither the history nor the registered change units know it
     */
    public AuditRecord markApplied(String changeId, String operator, String reason) {
        return marker().mark(changeId, operator, reason, AuditState.MARKED_APPLIED);
    }

    /**
     * Declares {@code changeId} undone: the next run runs it again. Appends a
     * {@code MARKED_ROLLED_BACK} record under the lock.
     *
     * @throws UnknownChangeException when the history holds no record of it
     */
    public AuditRecord markRolledBack(String changeId, String operator, String reason) {
        return marker().mark(changeId, operator, reason, AuditState.MARKED_ROLLED_BACK);
    }

    /** Verifies the whole chain in one streaming pass. */
    public VerificationResult verify() {
        return new ChainVerifier(store.history()).verify(chain);
    }

    /** The lease on this chain's lock as stored, possibly expired. */
    public Optional<Lease> lockHolder() {
        return store.lockService().inspect(chain);
    }

    /**
     * Breaks the lock held under {@code observed}, for an instance that died holding it. Releases
     * only if {@code observed} (owner and token) is still the current holder, so a lock taken by
     * someone else in the meantime is left alone.
     *
     * @return whether the lock is free now
     */
    public boolean releaseLock(Lease observed) {
        store.lockService().release(observed);
        boolean free = store.lockService().inspect(chain).isEmpty();
        log.info("Released lock '{}' held by '{}' (token {}): {}", chain, observed.owner(), observed.token(),
                free ? "free now" : "taken again by someone else");
        return free;
    }

    /**
     * Imports a whole chain into this (empty) chain, keeping every hash: verifies all of the input
     * before writing anything, writes under the lock, and verifies the result. Used to move an audit
     * log between stores.
     *
     * @throws io.tidemark.core.error.ChainBrokenException when the input is not an intact chain of this
     *     name (nothing is written)
     * @throws io.tidemark.core.error.ConfigurationException when this chain already has records
     */
    public VerificationResult importChain(RecordSource source, ImportProgress progress) {
        ChainImporter importer = new ChainImporter(store, chain, progress);
        VerificationResult.Intact expected = importer.verifyInput(source);
        store.initialize();
        try (LeaseKeeper keeper = new LockAcquirer(store.lockService(), lockPolicy, clock, sleeper)
                .hold(chain, instanceId + "/import-" + UUID.randomUUID())) {
            VerificationResult result = importer.write(source, expected, keeper);
            log.info("Imported {} records into chain '{}' of {}", expected.records(), chain, store.describe());
            return result;
        }
    }

    /**
     * Checks the store: the backend's own findings ({@link AuditStore#diagnose()}), then reading the
     * chain's tip and taking and releasing a probe lock (which needs write permission).
     */
    public List<Diagnosis> doctor() {
        return new StoreDoctor(store, chain, instanceId).examine();
    }

    private ChangeMarker marker() {
        return new ChangeMarker(store, chain, knownChanges, lockPolicy, clock, sleeper, host, instanceId);
    }

}
