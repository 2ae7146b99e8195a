package io.tidemark.mongock.couchbase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.groups.Tuple.tuple;

import com.couchbase.client.java.Collection;
import com.couchbase.client.java.json.JsonObject;
import io.tidemark.adapter.couchbase.CouchbaseAuditStore;
import io.tidemark.adapter.couchbase.ListedMongockChangeLog;
import io.tidemark.adapter.couchbase.testing.CouchbaseMockServer;
import io.tidemark.core.ChangeResult;
import io.tidemark.core.Tidemark;
import io.tidemark.core.TidemarkConfig;
import io.tidemark.core.error.ConfigurationException;
import io.tidemark.core.error.IssuesPendingException;
import io.tidemark.core.operator.MongockImport;
import io.tidemark.core.operator.OperatorApi;
import io.tidemark.spi.AuditRecord;
import io.tidemark.spi.AuditState;
import io.tidemark.spi.MongockChangeLog;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Couchbase, on CouchbaseMock. Mongock's real Couchbase driver (io.mongock:couchbase-driver, whose only
 * release is 5.5.1) cannot run there: it creates the index {@code idx_mongock_keys} and reads its
 * change log with SQL++, and CouchbaseMock has no query service. So this test plays Mongock's part: it
 * invokes the change units' methods as Mongock's runner would and writes each entry as that driver
 * does (key {@code mongockChangeEntry-<executionId>-<author>-<changeId>}, {@code _doctype
 * mongockChangeEntry}, timestamp in epoch milliseconds). Tidemark then imports the entries, reading
 * each document by key as in production (only the SQL++ listing of keys is replaced), and runs the same
 * classes unchanged.
 */
class CouchbaseMigrationTest {

    private static final List<String> EFFECTS = List.of("create-carts", "index-carts", "price-carts", "expire-carts");

    private final CouchbaseMockServer server = CouchbaseMockServer.shared();
    private final Collection collection =
            server.cluster().bucket(server.bucket()).defaultCollection();
    private final String prefix = "m" + UUID.randomUUID().toString().substring(0, 8);
    private final List<String> keys = new ArrayList<>();
    private long clock = 1_700_000_000_000L;

    /** Writes one entry of Mongock's change log as its Couchbase driver does. */
    private void entry(
            String executionId, String changeId, String author, String state, Class<?> unit, boolean system) {
        String key = "mongockChangeEntry-" + prefix + executionId + "-" + author + "-" + changeId;
        JsonObject document = JsonObject.create()
                .put("executionId", prefix + executionId)
                .put("changeId", changeId)
                .put("author", author)
                .put("timestamp", clock += 1_000)
                .put("state", state)
                .put("type", "EXECUTION")
                .put("changeLogClass", unit.getName())
                .put("changeSetMethod", "execute")
                .put("executionMillis", state.equals("IGNORED") ? -1L : 4L)
                .put("executionHostname", "app-1")
                .put("systemChange", system)
                .put("_doctype", "mongockChangeEntry");
        if (state.equals("FAILED") || state.equals("ROLLED_BACK")) {
            document.put(
                    "errorTrace",
                    "{\"execution-error\":\"java.lang.IllegalStateException: cart 12 has no " + "owner\\n"
                            + unit.getName() + ".execute(" + unit.getSimpleName() + ".java:14)\\n\"}");
        }
        collection.upsert(key, document);
        keys.add(key);
    }

    /**
     * What Mongock did, by its runner's rules: in run 1 create-carts ran, index-carts failed before any
     * write (failFast = false, FAILED), price-carts failed after its write and was rolled back
     * (ROLLED_BACK); in run 2 create-carts was IGNORED and price-carts failed again.
     */
    private void mongockHistory() {
        entry("-run1", "system-change-00001", "mongock", "EXECUTED", Object.class, true);
        new CreateCarts().execute(collection);
        entry("-run1", "create-carts", "ana", "EXECUTED", CreateCarts.class, false);
        entry("-run1", "index-carts", "ana", "FAILED", IndexCarts.class, false);
        new PriceCarts().execute(collection);
        new PriceCarts().rollback(collection);
        entry("-run1", "price-carts", "bo", "ROLLED_BACK", PriceCarts.class, false);
        entry("-run2", "create-carts", "ana", "IGNORED", CreateCarts.class, false);
    }

    private CouchbaseAuditStore store() {
        return CouchbaseAuditStore.builder(server.cluster(), server.bucket())
                .keyPrefix(prefix)
                .build();
    }

    private MongockChangeLog mongockLog(CouchbaseAuditStore store) {
        return ListedMongockChangeLog.of(store, "_default", keys);
    }

    private static OperatorApi operator(CouchbaseAuditStore store) {
        return Tidemark.builder()
                .auditStore(store)
                .configuration(TidemarkConfig.of())
                .buildOperator();
    }

    private Tidemark tidemark(CouchbaseAuditStore store) {
        return Tidemark.builder()
                .auditStore(store)
                .configuration(TidemarkConfig.of())
                .changeUnits(CreateCarts.class, IndexCarts.class, PriceCarts.class, ExpireCarts.class)
                .dependency(Collection.class, collection)
                .build();
    }

    private Map<String, Integer> effects() {
        return EFFECTS.stream().collect(Collectors.toMap(e -> e, e -> Counters.count(collection, e)));
    }

    private static List<AuditRecord> history(OperatorApi operator) {
        try (Stream<AuditRecord> records = operator.history()) {
            return records.toList();
        }
    }

    @Test
    void mongocksDocumentsAreImportedAndTidemarkRunsTheSameClassesWithEachEffectOnce() {
        mongockHistory();
        CouchbaseAuditStore store = store();

        MongockImport imported;
        try (OperatorApi operator = operator(store)) {
            imported = operator.importMongock(mongockLog(store), "ops");
            assertThat(history(operator))
                    .extracting(AuditRecord::changeId, AuditRecord::state)
                    .containsExactly(
                            tuple("create-carts", AuditState.MARKED_APPLIED),
                            tuple("index-carts", AuditState.FAILED),
                            tuple("price-carts", AuditState.ROLLED_BACK));
        }
        assertThat(imported.read()).isEqualTo(5);
        assertThat(imported.ignored()).isEqualTo(1);
        assertThat(imported.systemChanges()).isEqualTo(1);
        assertThat(imported.issues()).containsExactly("index-carts");
        assertThat(imported.verification().isIntact()).isTrue();

        Tidemark tidemark = tidemark(store);
        IssuesPendingException issue = catchThrowableOfType(IssuesPendingException.class, tidemark::run);
        assertThat(issue.issues()).extracting(i -> i.changeId()).containsExactly("index-carts");
        tidemark.operator().markRolledBack("index-carts", "ops", "Mongock's trace shows it failed before writing");

        assertThat(tidemark.run().applied())
                .extracting(ChangeResult::changeId)
                .containsExactly("index-carts", "price-carts", "expire-carts");
        assertThat(effects())
                .as("each change's effect exactly once across both tools")
                .isEqualTo(Map.of("create-carts", 1, "index-carts", 1, "price-carts", 1, "expire-carts", 1));
        assertThat(tidemark.operator().verify().isIntact()).isTrue();
        assertThat(tidemark(store).run().applied()).isEmpty();
    }

    @Test
    void oneChangeIdWithTwoAuthorsInMongocksLogIsRefusedAndNothingIsWritten() {
        entry("-run1", "create-carts", "ana", "EXECUTED", CreateCarts.class, false);
        entry("-run2", "create-carts", "carl", "EXECUTED", CreateCarts.class, false);
        CouchbaseAuditStore store = store();

        try (OperatorApi operator = operator(store)) {
            ConfigurationException refused = catchThrowableOfType(
                    ConfigurationException.class, () -> operator.importMongock(mongockLog(store), "ops"));

            assertThat(refused)
                    .hasMessageContaining("'create-carts' has entries by several authors")
                    .hasMessageContaining("'ana', 'carl'")
                    .hasMessageContaining("Nothing was imported");
            assertThat(history(operator)).isEmpty();
        }
    }
}
