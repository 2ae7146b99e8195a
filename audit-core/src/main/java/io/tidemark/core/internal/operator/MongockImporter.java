package io.tidemark.core.internal.operator;

import io.tidemark.api.Recovery;
import io.tidemark.core.chain.VerificationResult;
import io.tidemark.core.error.ConfigurationException;
import io.tidemark.core.internal.chain.ChainVerifier;
import io.tidemark.core.internal.engine.ChainSettings;
import io.tidemark.core.internal.engine.ChainState;
import io.tidemark.core.internal.engine.ChainWriter;
import io.tidemark.core.internal.engine.Decision;
import io.tidemark.core.internal.engine.InterruptFlag;
import io.tidemark.core.internal.engine.RecordDrafts;
import io.tidemark.core.internal.lock.LeaseKeeper;
import io.tidemark.core.internal.text.RecordText;
import io.tidemark.core.operator.MongockImport;
import io.tidemark.spi.AuditRecord;
import io.tidemark.spi.AuditState;
import io.tidemark.spi.MongockChangeLog;
import io.tidemark.spi.MongockEntry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Imports Mongock's change log into a chain ({@link io.tidemark.core.operator.OperatorApi#importMongock}):
 *
 * <ol>
 *   <li>read every entry and check it ({@link MongockEntryMapping#problemsWith}); leave out
 *       {@code IGNORED} entries and Mongock's system changes; check that each change id has one author
 *       in Mongock's log; refuse a log whose every entry is left out. Any problem stops here, before the lock is
 *       taken;</li>
 *   <li>take the chain's lock and verify the chain: records are not appended to a chain that is
 *       broken or that this version cannot read ({@link io.tidemark.core.chain.ChainBrokenException},
 *       {@link io.tidemark.core.error.UnreadableRecordException});</li>
 *   <li>read the chain: leave out entries an earlier import appended
 *       (same execution id, change id and state); refuse entries whose change the chain records under
 *       another author, or that Tidemark ran itself (records no import wrote), and refuse an import that
 *       brings nothing new. Any problem stops here, before anything is written;</li>
 *   <li>append the remaining entries in Mongock's timestamp order (then in the order read), through the
 *       one {@link ChainWriter}, as {@link MongockEntryMapping} drafts them;</li>
 *   <li>verify the chain.</li>
 * </ol>
 *
 * <p>Mongock's logs are small (one entry per change and run), so the entries are held in memory to be
 * ordered; the chain is read once, streamed.
 */
final class MongockImporter {

    private static final Logger log = LoggerFactory.getLogger(MongockImporter.class);

    /** How many problems a refusal lists before summing up the rest. */
    private static final int MAX_LISTED_PROBLEMS = 20;

    private final ChainSettings settings;
    private final Map<String, Recovery> knownChanges;

    MongockImporter(ChainSettings settings, Map<String, Recovery> knownChanges) {
        this.settings = settings;
        this.knownChanges = knownChanges;
    }

    MongockImport importFrom(MongockChangeLog source, String operator) {
        if (operator == null || operator.isBlank()) {
            throw new IllegalArgumentException(
                    "The operator is blank: name who imports, to be recorded with " + "every record");
        }
        String operatorName = RecordText.requireBoundedText(operator, "operator", RecordText.MAX_OPERATOR_LENGTH);
        String described = source.describe();
        String reason =
                RecordText.bounded("imported from Mongock's change log, " + described, RecordText.MAX_REASON_LENGTH);
        Entries entries = read(source, described);
        String executionId = UUID.randomUUID().toString();
        settings.store().initialize();
        InterruptFlag interrupts = new InterruptFlag();
        try (LeaseKeeper keeper = settings.holdLock("mongock-import-" + executionId)) {
            new ChainVerifier(settings.store().history())
                    .verify(settings.chain())
                    .orThrow();
            ChainReading chain = readChain();
            Plan plan = plan(entries, chain, described);
            List<MongockEntry> toAppend = plan.toAppend();
            ChainWriter writer = new ChainWriter(settings.store(), keeper, chain.state(), interrupts);
            long firstSeq = writer.state().tipSeq() + 1;
            writer.prepareAppends(writer.state().tipSeq() + toAppend.size());
            RecordDrafts drafts = settings.drafts(executionId);
            int applied = 0;
            int rolledBack = 0;
            int problems = 0;
            Set<String> touched = new LinkedHashSet<>();
            for (MongockEntry entry : toAppend) {
                AuditRecord record = writer.append(MongockEntryMapping.draft(drafts, entry, operatorName, reason));
                touched.add(record.changeId());
                switch (record.state()) {
                    case MARKED_APPLIED -> applied++;
                    case ROLLED_BACK -> rolledBack++;
                    default -> problems++;
                }
            }
            List<String> issues = touched.stream()
                    .filter(changeId -> Decision.of(
                                    writer.state().latestOf(changeId),
                                    knownChanges.getOrDefault(changeId, Recovery.MANUAL_INTERVENTION))
                            == Decision.ISSUE)
                    .toList();
            VerificationResult verification = new ChainVerifier(settings.store().history()).verify(settings.chain());
            MongockImport result = new MongockImport(
                    described,
                    settings.chain(),
                    entries.read(),
                    toAppend.size(),
                    applied,
                    rolledBack,
                    problems,
                    entries.ignored() + entries.system() + plan.alreadyImported(),
                    entries.ignored(),
                    entries.system(),
                    plan.alreadyImported(),
                    issues,
                    firstSeq,
                    writer.state().tipSeq(),
                    verification);
            log.info("{}", result.summary());
            return result;
        } finally {
            interrupts.restore();
        }
    }

    /** The entries of Mongock's log that may be imported, checked, in timestamp order; and what was left out. */
    private record Entries(int read, int ignored, int system, List<MongockEntry> relevant) {}

    private Entries read(MongockChangeLog source, String described) {
        List<String> problems = new ArrayList<>();
        List<MongockEntry> relevant = new ArrayList<>();
        int read = 0;
        int ignored = 0;
        int system = 0;
        try (Stream<MongockEntry> stream = source.entries()) {
            for (MongockEntry entry : (Iterable<MongockEntry>) stream::iterator) {
                read++;
                problems.addAll(MongockEntryMapping.problemsWith(entry));
                if (MongockEntryMapping.isSystemChange(entry)) {
                    system++;
                } else if (MongockEntryMapping.isIgnored(entry)) {
                    ignored++;
                } else {
                    relevant.add(entry);
                }
            }
        }
        if (read == 0) {
            throw new ConfigurationException(described + " holds no entries, so there is nothing to import. Check "
                    + "the collection or table name (Mongock's default is mongockChangeLog; the command line's "
                    + "--collection) and the database, bucket or region of the origin's configuration.");
        }
        Map<String, Set<String>> authors = new LinkedHashMap<>();
        relevant.forEach(
                e -> authors.computeIfAbsent(e.changeId(), k -> new TreeSet<>()).add(e.author()));
        authors.forEach((changeId, names) -> {
            if (names.size() > 1) {
                problems.add("Change id '" + changeId + "' has entries by several authors in " + described + " ("
                        + String.join(
                                ", ", names.stream().map(a -> "'" + a + "'").toList()) + "): Mongock told "
                        + "them apart by id and author, Tidemark by id alone, so it cannot tell which change unit "
                        + "they belong to. Give one of the change units another id, or correct the entries' author, "
                        + "then import again.");
            }
        });
        refuseIf(problems, described);
        if (relevant.isEmpty()) {
            throw new ConfigurationException("Nothing to import: " + described + " holds only entries that are "
                    + "left out (" + ignored + " IGNORED and " + system + " of Mongock's system "
                    + "changes, of " + read + "), so no change is recorded in it as executed, failed or "
                    + "rolled back. Check the collection or table name and the database of the origin's "
                    + "configuration; nothing was written.");
        }
        List<MongockEntry> ordered = new ArrayList<>(relevant);
        ordered.sort(Comparator.comparing((MongockEntry e) -> e.timestamp().orElse(Instant.EPOCH)));
        return new Entries(read, ignored, system, ordered);
    }

    /** The chain as the importer needs it: its state, the keys of imported entries, the authors and who wrote what. */
    private record ChainReading(
            ChainState state,
            Set<String> importedKeys,
            Map<String, AuditRecord> firstByChange,
            Map<String, AuditRecord> nativeByChange) {}

    /** The entries to append, and how many an earlier import appended already. */
    private record Plan(List<MongockEntry> toAppend, int alreadyImported) {}

    private ChainReading readChain() {
        ChainState state = ChainState.empty(settings.chain());
        Set<String> importedKeys = new HashSet<>();
        Map<String, AuditRecord> firstByChange = new HashMap<>();
        Map<String, AuditRecord> nativeByChange = new HashMap<>();
        try (Stream<AuditRecord> records = settings.store().history().readAll(settings.chain())) {
            records.forEach(record -> {
                state.apply(record);
                if (record.state() == AuditState.CHECKPOINT) {
                    return;
                }
                firstByChange.putIfAbsent(record.changeId(), record);
                Optional<String> key = MongockEntryMapping.keyOf(record);
                if (key.isPresent()) {
                    importedKeys.add(key.get());
                } else {
                    nativeByChange.put(record.changeId(), record);
                }
            });
        }
        return new ChainReading(state, importedKeys, firstByChange, nativeByChange);
    }

    private Plan plan(Entries entries, ChainReading chain, String described) {
        List<String> problems = new ArrayList<>();
        int alreadyImported = 0;
        List<MongockEntry> toAppend = new ArrayList<>();
        Set<String> refusedChanges = new HashSet<>();
        for (MongockEntry entry : entries.relevant()) {
            if (chain.importedKeys().contains(MongockEntryMapping.keyOf(entry))) {
                alreadyImported++;
                continue;
            }
            String changeId = entry.changeId();
            AuditRecord known = chain.firstByChange().get(changeId);
            if (known != null && !known.author().equals(entry.author()) && refusedChanges.add(changeId)) {
                problems.add("Change id '" + changeId + "' is by author '" + entry.author() + "' in " + described
                        + " (entry " + entry.position() + ") but by '" + known.author() + "' in chain '"
                        + settings.chain() + "' (seq " + known.seq() + "): they are two different changes that share "
                        + "an id, and Tidemark matches changes by id alone. Give one of them another id (the one "
                        + "that has not run anywhere yet), or correct the author of the Mongock entries, then import "
                        + "again.");
            }
            AuditRecord ranHere = chain.nativeByChange().get(changeId);
            if (ranHere != null && refusedChanges.add(changeId)) {
                problems.add("Change '" + changeId + "' has records in chain '" + settings.chain() + "' that Tidemark "
                        + "wrote itself (latest: seq " + ranHere.seq() + ", " + ranHere.state() + "), and " + described
                        + " has an entry for it that was not imported yet (entry " + entry.position() + ", "
                        + MongockEntryMapping.stateOf(entry) + " at "
                        + entry.timestamp().map(Instant::toString).orElse("?")
                        + "): both tools ran it. Check its effect; then remove or correct Mongock's "
                        + "entries for it and import again, or import into a new chain (tidemark.chain).");
            }
            toAppend.add(entry);
        }
        refuseIf(problems, described);
        if (toAppend.isEmpty()) {
            throw new ConfigurationException("Nothing to import: every entry of " + described + " that can be "
                    + "imported (" + entries.relevant().size() + " of " + entries.read() + "; " + entries.ignored()
                    + " IGNORED and " + entries.system() + " of Mongock's system changes are left out) is in chain '"
                    + settings.chain() + "' already, appended by an earlier import. An import is repeated only to "
                    + "add entries Mongock wrote since; nothing was written.");
        }
        return new Plan(toAppend, alreadyImported);
    }

    private static void refuseIf(List<String> problems, String described) {
        if (problems.isEmpty()) {
            return;
        }
        List<String> listed = new ArrayList<>(problems.subList(0, Math.min(problems.size(), MAX_LISTED_PROBLEMS)));
        if (problems.size() > MAX_LISTED_PROBLEMS) {
            listed.add("... and " + (problems.size() - MAX_LISTED_PROBLEMS) + " more problems of the same kinds.");
        }
        listed.add("Nothing was imported from " + described + ": the import is all or nothing.");
        throw new ConfigurationException(listed);
    }
}
