package io.tidemark.adapter.mongodb;

import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import io.tidemark.core.error.ConfigurationException;
import io.tidemark.core.error.TidemarkException;
import io.tidemark.spi.Diagnosis;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the two collections ready for writing, or checks that they are, and reports on them for
 * {@code doctor}.
 *
 * <p>With auto-create on (two requests):
 * <ol>
 *   <li>{@code createIndexes} of the unique index {@code {chain: 1, seq: 1}} on the audit collection.
 *       MongoDB creates the collection with it when missing, and does nothing when the same index
 *       exists, so instances starting together are safe. The index is the fence of every append: it
 *       must exist before the first one. An index in the way (same name or keys, not unique) or
 *       documents that already break uniqueness are a {@link ConfigurationException} saying what to
 *       do.</li>
 *   <li>{@code create} of the lock collection; "already exists" (code 48) is success.</li>
 * </ol>
 *
 * <p>With auto-create off (two requests): {@code listCollections}, then {@code listIndexes} of the
 * audit collection; everything missing is named in one {@link ConfigurationException} together
 * with the shell command that creates it.
 *
 * <p>Only a unique index on exactly {@code {chain: 1, seq: 1}} without a
 * {@code partialFilterExpression} counts as the fence: a partial one leaves the records outside
 * its filter free to take a sequence twice, so it is named as a problem with the command that
 * drops it (in {@code initialize()} with auto-create off, and in {@code doctor} always).
 * {@code doctor} also reports a time-to-live index on either collection as a problem: MongoDB
 * would delete audit records through it, or lock documents, whose fencing tokens would then start
 * again at 1. With auto-create on, {@code initialize()} sends no request beyond the two above, so
 * it does not look for these; {@code doctor} does.
 */
final class MongoSchema {

    private static final Logger log = LoggerFactory.getLogger(MongoSchema.class);

    static final String INDEX_NAME = "chain_1_seq_1";
    private static final Bson INDEX_KEYS = Indexes.ascending(MongoRecordCodec.CHAIN, MongoRecordCodec.SEQ);
    private static final int NAMESPACE_EXISTS = 48;
    private static final Set<Integer> INDEX_CONFLICTS = Set.of(85, 86);
    private static final String INDEX_IN_THE_WAY = "an index in the way";
    private static final String PARTIAL_FILTER = "partialFilterExpression";
    private static final String RETENTION_CHECK = "record retention";

    private final MongoRequests requests;
    private final MongoSettings settings;
    private final MongoFailures failures;

    MongoSchema(MongoRequests requests) {
        this.requests = requests;
        this.settings = requests.settings();
        this.failures = requests.failures();
    }

    /** Creates or verifies, as the settings say. */
    void prepare() {
        if (settings.autoCreate()) {
            create();
        } else {
            verify();
        }
    }

    private void create() {
        String audit = settings.auditCollection();
        String created = requests.audit(
                "creating the unique index " + INDEX_NAME,
                collection -> collection.createIndex(
                        INDEX_KEYS, new IndexOptions().unique(true).name(INDEX_NAME)),
                failure -> {
                    if (MongoFailures.isDuplicateKey(failure)) {
                        throw new ConfigurationException(
                                failures.describe(audit) + " holds several documents with "
                                        + "the same chain and seq, so the unique index " + INDEX_NAME
                                        + " cannot be built: it "
                                        + "is not a Tidemark audit collection, or it was tampered with. Choose another audit "
                                        + "collection, or remove the duplicates.",
                                failure);
                    }
                    return INDEX_CONFLICTS.contains(failure.getCode())
                            ? Optional.of(INDEX_IN_THE_WAY)
                            : Optional.empty();
                });
        if (INDEX_IN_THE_WAY.equals(created) && !hasUniqueIndex()) {
            throw new ConfigurationException(failures.describe(audit) + " has an index on {chain: 1, seq: 1} or named "
                    + INDEX_NAME + " that is not the unique index Tidemark needs. Drop it (db." + audit
                    + ".dropIndex(\""
                    + INDEX_NAME + "\")) so that Tidemark can create the unique one.");
        }
        log.debug("Ensured the unique index {} on {}", INDEX_NAME, failures.describe(audit));
        String lock = settings.lockCollection();
        boolean createdLock = requests.database(
                lock,
                "creating the collection",
                database -> {
                    database.createCollection(lock);
                    return true;
                },
                failure -> failure.getCode() == NAMESPACE_EXISTS ? Optional.of(false) : Optional.empty());
        if (createdLock) {
            log.info("Created the lock collection {}", failures.describe(lock));
        }
    }

    private void verify() {
        Layout layout = readLayout();
        List<String> problems = new ArrayList<>(missingPieces(layout));
        partialFence(layout).ifPresent(problems::add);
        if (!problems.isEmpty()) {
            throw new ConfigurationException(problems);
        }
        log.debug("Verified the collections of {}", failures.describe());
    }

    /**
     * The collections and index as findings for an operator: present, missing (a problem with
     * auto-create off, a warning with it on since the first write creates them), a partial unique
     * index or a time-to-live index (problems either way), or unreadable. Creates nothing.
     */
    List<Diagnosis> diagnose() {
        String check = "collections and index";
        try {
            Layout layout = readLayout();
            List<Diagnosis> findings = new ArrayList<>();
            for (String missing : missingPieces(layout)) {
                findings.add(
                        settings.autoCreate()
                                ? Diagnosis.warning(
                                        check, missing, "nothing to do: auto-create is on, the first write creates it")
                                : Diagnosis.problem(check, missing, "create it as described, or turn auto-create on"));
            }
            partialFence(layout)
                    .ifPresent(problem -> findings.add(
                            Diagnosis.problem(check, problem, "drop the partial index and create the unique one")));
            findings.addAll(retentionProblems(layout));
            if (findings.isEmpty()) {
                return List.of(Diagnosis.ok(
                        check,
                        "audit collection " + failures.describe(settings.auditCollection())
                                + " with the unique index {chain: 1, seq: 1}, lock collection "
                                + settings.lockCollection()));
            }
            return findings;
        } catch (TidemarkException e) {
            return List.of(
                    Diagnosis.problem(
                            check,
                            e.getMessage(),
                            e.isTransient()
                                    ? "check that " + failures.describe() + " is reachable and retry"
                                    : "grant the user listCollections and listIndexes on the database, or fix the configuration"));
        }
    }

    /**
     * The collections that exist, and the audit collection's indexes (none when it does not exist):
     * {@code listCollections}, then {@code listIndexes} of the audit collection if it is there.
     */
    private record Layout(Set<String> collections, List<Document> auditIndexes) {

        boolean hasTheUniqueIndex() {
            return auditIndexes.stream().anyMatch(MongoSchema::isTheUniqueIndex);
        }
    }

    private Layout readLayout() {
        Set<String> existing = requests.database(
                null,
                "listing collections",
                database -> database.listCollectionNames().into(new HashSet<>()),
                failure -> Optional.empty());
        return new Layout(existing, existing.contains(settings.auditCollection()) ? auditIndexes() : List.of());
    }

    /** What is missing: the collections, and the unique index unless a partial one stands in its place. */
    private List<String> missingPieces(Layout layout) {
        String audit = settings.auditCollection();
        String lock = settings.lockCollection();
        List<String> problems = new ArrayList<>();
        if (!layout.collections().contains(audit)) {
            problems.add("The audit collection " + failures.describe(audit) + " is missing: create it with "
                    + "db.createCollection(\"" + audit + "\")" + howToAutoCreate());
        }
        if (!layout.hasTheUniqueIndex() && partialFence(layout).isEmpty()) {
            problems.add("The unique index {chain: 1, seq: 1} on " + failures.describe(audit) + " is missing "
                    + "(it keeps two writers from taking the same sequence): create it with db." + audit
                    + ".createIndex({chain: 1, seq: 1}, {unique: true})" + howToAutoCreate());
        }
        if (!layout.collections().contains(lock)) {
            problems.add("The lock collection " + failures.describe(lock) + " is missing: create it with "
                    + "db.createCollection(\"" + lock + "\")" + howToAutoCreate());
        }
        return problems;
    }

    /**
     * A unique {@code {chain: 1, seq: 1}} index with a {@code partialFilterExpression} where the full
     * one is missing: it fences only the records inside its filter, so it is a problem in every mode.
     */
    private Optional<String> partialFence(Layout layout) {
        if (layout.hasTheUniqueIndex()) {
            return Optional.empty();
        }
        List<String> partial = layout.auditIndexes().stream()
                .filter(MongoSchema::isPartialFence)
                .map(index -> index.getString("name"))
                .toList();
        if (partial.isEmpty()) {
            return Optional.empty();
        }
        String audit = settings.auditCollection();
        return Optional.of("The partial unique index " + String.join(", ", partial) + " on {chain: 1, seq: 1} of "
                + failures.describe(audit) + " has a partialFilterExpression, so records outside its filter are "
                + "not kept from taking the same sequence. Drop it ("
                + partial.stream()
                        .map(name -> "db." + audit + ".dropIndex(\"" + name + "\")")
                        .collect(Collectors.joining(", "))
                + ") and create the unique index with db." + audit + ".createIndex({chain: 1, seq: 1}, {unique: true})"
                + howToAutoCreate());
    }

    private boolean hasUniqueIndex() {
        return auditIndexes().stream().anyMatch(MongoSchema::isTheUniqueIndex);
    }

    private List<Document> auditIndexes() {
        return requests.audit(
                "listing indexes", collection -> collection.listIndexes().into(new ArrayList<>()));
    }

    /**
     * Time-to-live indexes on either collection, as problems: on the audit collection MongoDB would
     * delete records (verification then reports them missing); on the lock collection it would
     * delete released or expired lock documents, and their fencing tokens would start again at 1.
     * The audit collection's indexes were read with the layout; the lock collection's take one
     * {@code listIndexes} when it exists.
     */
    private List<Diagnosis> retentionProblems(Layout layout) {
        String lock = settings.lockCollection();
        List<Diagnosis> problems = new ArrayList<>(timeToLive(
                settings.auditCollection(),
                layout.auditIndexes(),
                "MongoDB deletes audit records through it, which breaks the append-only log (verify reports them "
                        + "missing)"));
        if (layout.collections().contains(lock)) {
            problems.addAll(timeToLive(
                    lock,
                    requests.lock("listing indexes", c -> c.listIndexes().into(new ArrayList<>())),
                    "MongoDB deletes lock documents through it, and the fencing token of a deleted key starts "
                            + "again at 1"));
        }
        return problems;
    }

    private List<Diagnosis> timeToLive(String collection, List<Document> indexes, String consequence) {
        List<Diagnosis> problems = new ArrayList<>();
        for (Document index : indexes) {
            expiry(index)
                    .ifPresent(seconds -> problems.add(Diagnosis.problem(
                            RETENTION_CHECK,
                            "The index " + index.getString("name") + " on " + failures.describe(collection)
                                    + " has expireAfterSeconds " + seconds + ": " + consequence,
                            "drop it: db." + collection + ".dropIndex(\"" + index.getString("name") + "\")")));
        }
        return problems;
    }

    private static Optional<Object> expiry(Document index) {
        return Optional.ofNullable(index.get("expireAfterSeconds"));
    }

    private static boolean isTheUniqueIndex(Document index) {
        return isUniqueOnChainAndSeq(index) && !index.containsKey(PARTIAL_FILTER);
    }

    private static boolean isPartialFence(Document index) {
        return isUniqueOnChainAndSeq(index) && index.containsKey(PARTIAL_FILTER);
    }

    private static boolean isUniqueOnChainAndSeq(Document index) {
        Object keys = index.get("key");
        Object unique = index.get("unique");
        if (!(keys instanceof Document key) || key.size() != 2) {
            return false;
        }
        List<Map.Entry<String, Object>> fields = new ArrayList<>(key.entrySet());
        return isAscending(fields.get(0), MongoRecordCodec.CHAIN)
                && isAscending(fields.get(1), MongoRecordCodec.SEQ)
                && (Boolean.TRUE.equals(unique) || unique instanceof Number n && n.intValue() != 0);
    }

    private static boolean isAscending(Map.Entry<String, Object> field, String name) {
        return field.getKey().equals(name) && field.getValue() instanceof Number n && n.doubleValue() == 1;
    }

    private String howToAutoCreate() {
        return ", or let Tidemark create it (turn auto-create on: "
                + settings.howToSet(
                        MongoAuditStoreProvider.AUTO_CREATE + "=true", "autoCreate(true) on MongoAuditStore.builder")
                + ").";
    }
}
