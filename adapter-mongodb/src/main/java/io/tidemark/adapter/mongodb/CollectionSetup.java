package io.tidemark.adapter.mongodb;

import com.mongodb.MongoException;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import io.tidemark.core.error.ConfigurationException;
import io.tidemark.core.error.TidemarkException;
import io.tidemark.spi.Diagnosis;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the two collections ready for writing, or checks that they are.
 *
 * <p>With auto-create on (two requests):
 * <ol>
 *   <li>{@code createIndexes} of the unique index {@code {chain: 1, seq: 1}} on the audit collection.
 *       MongoDB creates the collection with it when missing, and does nothing when the same index
 *       exists, so instances starting together are safe. The index is the fence of every append: it
 *       must exist before the first one.</li>
 *   <li>{@code create} of the lock collection; "already exists" (code 48) is success.</li>
 * </ol>
 *
 * <p>With auto-create off (two requests): {@code listCollections}, then {@code listIndexes} of the
 * audit collection; everything missing is named in one {@link ConfigurationException} together
 * with the shell command that creates it.
 */
final class CollectionSetup {

    private static final Logger log = LoggerFactory.getLogger(CollectionSetup.class);

    static final String INDEX_NAME = "chain_1_seq_1";
    private static final Bson INDEX_KEYS = Indexes.ascending(AuditDocuments.CHAIN, AuditDocuments.SEQ);
    private static final int NAMESPACE_EXISTS = 48;
    private static final Set<Integer> INDEX_CONFLICTS = Set.of(85, 86);

    private final MongoDatabase database;
    private final MongoStoreOptions options;
    private final MongoFailures failures;

    CollectionSetup(MongoDatabase database, MongoStoreOptions options, MongoFailures failures) {
        this.database = database;
        this.options = options;
        this.failures = failures;
    }

    /** Creates or verifies, as the options say. */
    void prepare() {
        if (options.autoCreate()) {
            create();
        } else {
            verify();
        }
    }

    private void create() {
        String audit = options.auditCollection();
        try {
            database.getCollection(audit).createIndex(INDEX_KEYS, new IndexOptions().unique(true).name(INDEX_NAME));
            log.debug("Ensured the unique index {} on {}", INDEX_NAME, failures.location().describe(audit));
        } catch (MongoException e) {
            if (INDEX_CONFLICTS.contains(e.getCode())) {
                requireUniqueIndex(e);
            } else if (MongoFailures.isDuplicateKey(e)) {
                throw new ConfigurationException(failures.location().describe(audit) + " holds several documents with "
                        + "the same chain and seq, so the unique index " + INDEX_NAME + " cannot be built: it is not a "
                        + "Tidemark audit collection, or it was tampered with. Choose another audit collection, or "
                        + "remove the duplicates.", e);
            } else {
                throw failures.translate(audit, "creating the unique index " + INDEX_NAME, e);
            }
        }
        String lock = options.lockCollection();
        try {
            database.createCollection(lock);
            log.info("Created the lock collection {}", failures.location().describe(lock));
        } catch (MongoException e) {
            if (e.getCode() != NAMESPACE_EXISTS) {
                throw failures.translate(lock, "creating the collection", e);
            }
        }
    }

    /** The index could not be created because one with its name or keys exists: accept it only if it is unique. */
    private void requireUniqueIndex(MongoException conflict) {
        String audit = options.auditCollection();
        if (!hasUniqueIndex()) {
            throw new ConfigurationException(failures.location().describe(audit) + " has an index on {chain: 1, seq: 1} "
                    + "or named " + INDEX_NAME + " that is not the unique index Tidemark needs. Drop it (db." + audit
                    + ".dropIndex(\"" + INDEX_NAME + "\")) so that Tidemark can create the unique one.", conflict);
        }
    }

    private void verify() {
        List<String> problems = missingPieces();
        if (!problems.isEmpty()) {
            throw new ConfigurationException(problems);
        }
        log.debug("Verified the collections of {}", failures.location().describe());
    }

    /**
     * The collections and index as findings for an operator: present, missing (a problem with
     * auto-create off, a warning with it on since the first write creates them), or unreadable.
     */
    List<Diagnosis> diagnose() {
        String check = "collections and index";
        try {
            List<String> missing = missingPieces();
            if (missing.isEmpty()) {
                return List.of(Diagnosis.ok(check, "audit collection " + failures.location().describe(options.auditCollection())
                        + " with the unique index {chain: 1, seq: 1}, lock collection " + options.lockCollection()));
            }
            return missing.stream().map(problem -> options.autoCreate()
                    ? Diagnosis.warning(check, problem, "nothing to do: auto-create is on, the first write creates it")
                    : Diagnosis.problem(check, problem, "create it as described, or turn auto-create on")).toList();
        } catch (TidemarkException e) {
            return List.of(Diagnosis.problem(check, e.getMessage(), e.isTransient()
                    ? "check that " + failures.location().describe() + " is reachable and retry"
                    : "grant the user listCollections and listIndexes on the database, or fix the configuration"));
        }
    }

    private List<String> missingPieces() {
        Set<String> existing = failures.guard(null, "listing collections",
                () -> database.listCollectionNames().into(new HashSet<>()));
        String audit = options.auditCollection();
        String lock = options.lockCollection();
        List<String> problems = new ArrayList<>();
        if (!existing.contains(audit)) {
            problems.add("The audit collection " + failures.location().describe(audit) + " is missing: create it with "
                    + "db.createCollection(\"" + audit + "\")" + howToAutoCreate());
        }
        if (!existing.contains(audit) || !hasUniqueIndex()) {
            problems.add("The unique index {chain: 1, seq: 1} on " + failures.location().describe(audit) + " is missing "
                    + "(it keeps two writers from taking the same sequence): create it with db." + audit
                    + ".createIndex({chain: 1, seq: 1}, {unique: true})" + howToAutoCreate());
        }
        if (!existing.contains(lock)) {
            problems.add("The lock collection " + failures.location().describe(lock) + " is missing: create it with "
                    + "db.createCollection(\"" + lock + "\")" + howToAutoCreate());
        }
        return problems;
    }

    private boolean hasUniqueIndex() {
        String audit = options.auditCollection();
        List<Document> indexes = failures.guard(audit, "listing indexes",
                () -> database.getCollection(audit).listIndexes().into(new ArrayList<>()));
        return indexes.stream().anyMatch(CollectionSetup::isTheUniqueIndex);
    }

    private static boolean isTheUniqueIndex(Document index) {
        Object keys = index.get("key");
        Object unique = index.get("unique");
        if (!(keys instanceof Document key) || key.size() != 2) {
            return false;
        }
        List<Map.Entry<String, Object>> fields = new ArrayList<>(key.entrySet());
        return isAscending(fields.get(0), AuditDocuments.CHAIN) && isAscending(fields.get(1), AuditDocuments.SEQ)
                && (Boolean.TRUE.equals(unique) || unique instanceof Number n && n.intValue() != 0);
    }

    private static boolean isAscending(Map.Entry<String, Object> field, String name) {
        return field.getKey().equals(name) && field.getValue() instanceof Number n && n.doubleValue() == 1;
    }

    private static String howToAutoCreate() {
        return ", or let Tidemark create it (auto-create on: option autoCreate(true) or "
                + MongoAuditStoreProvider.AUTO_CREATE + "=true).";
    }
}
