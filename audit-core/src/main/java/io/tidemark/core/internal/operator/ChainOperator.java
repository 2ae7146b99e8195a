package io.tidemark.core.internal.operator;

import io.tidemark.api.Recovery;
import io.tidemark.core.PendingIssue;
import io.tidemark.core.chain.VerificationResult;
import io.tidemark.core.internal.chain.ChainVerifier;
import io.tidemark.core.internal.engine.ChainSettings;
import io.tidemark.core.internal.engine.ChainState;
import io.tidemark.core.internal.engine.Decision;
import io.tidemark.core.internal.loading.ChangeDefinition;
import io.tidemark.core.internal.loading.ChangeSet;
import io.tidemark.core.internal.lock.LeaseKeeper;
import io.tidemark.core.operator.Baseline;
import io.tidemark.core.operator.ChainStatus;
import io.tidemark.core.operator.ImportProgress;
import io.tidemark.core.operator.MongockImport;
import io.tidemark.core.operator.OperatorApi;
import io.tidemark.core.operator.RecordSource;
import io.tidemark.spi.AuditRecord;
import io.tidemark.spi.AuditState;
import io.tidemark.spi.AuditStore;
import io.tidemark.spi.Diagnosis;
import io.tidemark.spi.Lease;
import io.tidemark.spi.MongockChangeLog;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link OperatorApi} of one chain, on the {@link ChainSettings} the engine uses too: marks and
 * imports take the lock and write records exactly as a run does.
 */
public final class ChainOperator implements OperatorApi {

    private static final Logger log = LoggerFactory.getLogger(ChainOperator.class);

    private final ChainSettings settings;
    private final ChangeSet changes;
    private final Map<String, Recovery> knownChanges;
    private final boolean ownsStore;

    /**
     * @param settings  the chain and how to write to it
     * @param changes   the registered change units, or {@link ChangeSet#none()}
     * @param ownsStore whether {@link #close()} closes the store
     */
    public ChainOperator(ChainSettings settings, ChangeSet changes, boolean ownsStore) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.changes = Objects.requireNonNull(changes, "changes");
        this.knownChanges = changes.changes().stream()
                .collect(Collectors.toUnmodifiableMap(ChangeDefinition::id, ChangeDefinition::recovery));
        this.ownsStore = ownsStore;
    }

    @Override
    public String chain() {
        return settings.chain();
    }

    @Override
    public AuditStore store() {
        return settings.store();
    }

    @Override
    public Stream<AuditRecord> history() {
        return store().history().readAll(chain());
    }

    @Override
    public Optional<AuditRecord> tip() {
        return store().history().tip(chain());
    }

    @Override
    public ChainStatus status() {
        long[] records = new long[1];
        ChainState state = ChainState.empty(chain());
        try (Stream<AuditRecord> all = history()) {
            all.forEach(record -> {
                records[0]++;
                state.apply(record);
            });
        }
        int applied = (int) state.latestByChange().values().stream()
                .filter(r -> r.state().meansApplied())
                .count();
        return new ChainStatus(
                chain(),
                records[0],
                state.tip(),
                state.latestByChange().size(),
                applied,
                issuesIn(state),
                lockHolder());
    }

    @Override
    public List<PendingIssue> issues() {
        return issuesIn(ChainState.read(store().history(), chain()));
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

    @Override
    public AuditRecord markApplied(String changeId, String operator, String reason) {
        return new ChangeMarker(settings, knownChanges).mark(changeId, operator, reason, AuditState.MARKED_APPLIED);
    }

    @Override
    public AuditRecord markRolledBack(String changeId, String operator, String reason) {
        return new ChangeMarker(settings, knownChanges).mark(changeId, operator, reason, AuditState.MARKED_ROLLED_BACK);
    }

    @Override
    public Baseline baseline(String upToOrder, String operator, String reason) {
        return new ChangeBaseliner(settings, changes).baseline(upToOrder, operator, reason);
    }

    @Override
    public VerificationResult verify() {
        return new ChainVerifier(store().history()).verify(chain());
    }

    @Override
    public Optional<Lease> lockHolder() {
        return store().lockService().inspect(chain());
    }

    @Override
    public boolean releaseLock(Lease observed) {
        store().lockService().release(observed);
        boolean free = store().lockService().inspect(chain()).isEmpty();
        log.info(
                "Released lock '{}' held by '{}' (token {}): {}",
                chain(),
                observed.owner(),
                observed.token(),
                free ? "free now" : "taken again by someone else");
        return free;
    }

    @Override
    public VerificationResult importChain(RecordSource source, ImportProgress progress) {
        ChainImporter importer = new ChainImporter(store(), chain(), progress);
        VerificationResult.Intact expected = importer.verifyInput(source);
        store().initialize();
        try (LeaseKeeper keeper = settings.holdLock("import-" + UUID.randomUUID())) {
            VerificationResult result = importer.write(source, expected, keeper);
            log.info("Imported {} records into chain '{}' of {}", expected.records(), chain(), store().describe());
            return result;
        }
    }

    @Override
    public MongockImport importMongock(MongockChangeLog source, String operator) {
        return new MongockImporter(settings, knownChanges).importFrom(source, operator);
    }

    @Override
    public List<Diagnosis> doctor() {
        return new StoreDoctor(store(), chain(), settings.instanceId()).examine();
    }

    @Override
    public void close() {
        if (ownsStore) {
            store().close();
        }
    }

    @Override
    public String toString() {
        return "OperatorApi{chain=" + chain() + ", store=" + store().describe() + "}";
    }
}
