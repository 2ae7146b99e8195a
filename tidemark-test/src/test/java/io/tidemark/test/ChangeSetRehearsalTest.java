package io.tidemark.test;

import static io.tidemark.test.TidemarkAssertions.assertThat;
import static io.tidemark.test.TidemarkAssertions.chain;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tidemark.api.ChangeContext;
import io.tidemark.api.ChangeUnit;
import io.tidemark.api.Execution;
import io.tidemark.api.RollbackExecution;
import io.tidemark.core.Tidemark;
import io.tidemark.core.TidemarkBuilder;
import io.tidemark.core.TidemarkConfig;
import io.tidemark.core.error.ConfigurationException;
import io.tidemark.core.memory.InMemoryAuditStore;
import io.tidemark.spi.AuditState;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

/**
 * {@link ChangeSetRehearsal} against the application's own data: here a small in-memory document
 * database standing for the user's test database (it is the user's domain state, not an audit store).
 */
@TidemarkTest
class ChangeSetRehearsalTest {

    /** The user's "database": collections of documents by id. */
    static final class DocumentDatabase {
        private final Map<String, Map<String, Map<String, Object>>> collections = new ConcurrentHashMap<>();

        void insert(String collection, String id, Map<String, Object> document) {
            collections.computeIfAbsent(collection, c -> new TreeMap<>()).put(id, Map.copyOf(document));
        }

        void delete(String collection, String id) {
            Map<String, Map<String, Object>> documents = collections.get(collection);
            if (documents != null) {
                documents.remove(id);
            }
        }

        Map<String, Object> find(String collection, String id) {
            return collections.getOrDefault(collection, Map.of()).get(id);
        }

        /** A snapshot: "collection/id" to document, for the rehearsal to compare. */
        Map<String, Map<String, Object>> snapshot() {
            Map<String, Map<String, Object>> all = new TreeMap<>();
            collections.forEach((collection, documents) ->
                    documents.forEach((id, document) -> all.put(collection + "/" + id, document)));
            return all;
        }
    }

    @ChangeUnit(id = "seed-customers", order = "1")
    public static final class SeedCustomers {
        @Execution
        public void apply(DocumentDatabase database, ChangeContext context) {
            database.insert("customers", "c-1", Map.of("name", "Ada"));
            database.insert("customers", "c-2", Map.of("name", "Grace"));
            context.putMetadata("customers", "2");
        }

        @RollbackExecution
        public void undo(DocumentDatabase database) {
            database.delete("customers", "c-1");
            database.delete("customers", "c-2");
        }
    }

    @ChangeUnit(id = "seed-orders", order = "2")
    public static final class SeedOrders {
        @Execution
        public void apply(DocumentDatabase database) {
            database.insert("orders", "o-1", Map.of("customer", "c-1", "cents", 4250));
            database.insert("orders", "o-2", Map.of("customer", "c-2", "cents", 1999));
            database.insert("orders", "o-3", Map.of("customer", "c-1", "cents", 650));
        }

        @RollbackExecution
        public void undo(DocumentDatabase database) {
            database.delete("orders", "o-1");
            database.delete("orders", "o-2");
            database.delete("orders", "o-3");
        }
    }

    /** Its rollback forgets the third order. */
    @ChangeUnit(id = "seed-orders", order = "2")
    public static final class SeedOrdersForgetful {
        @Execution
        public void apply(DocumentDatabase database) {
            new SeedOrders().apply(database);
        }

        @RollbackExecution
        public void undo(DocumentDatabase database) {
            database.delete("orders", "o-1");
            database.delete("orders", "o-2");
        }
    }

    /** No rollback: only applied, and checked by the second run. */
    @ChangeUnit(id = "add-status", order = "3")
    public static final class AddStatus {
        @Execution
        public void apply(DocumentDatabase database) {
            for (String id : List.of("o-1", "o-2", "o-3")) {
                Map<String, Object> order = new TreeMap<>(database.find("orders", id));
                order.putIfAbsent("status", "PLACED");
                database.insert("orders", id, order);
            }
        }
    }

    /** Each application numbers itself: applied again, it differs from its first application. */
    @ChangeUnit(id = "stamp-migration", order = "4")
    public static final class StampMigration {
        private static final Map<DocumentDatabase, Integer> RUNS = new ConcurrentHashMap<>();

        @Execution
        public void apply(DocumentDatabase database) {
            database.insert("meta", "migration", Map.of("run", RUNS.merge(database, 1, Integer::sum)));
        }

        @RollbackExecution
        public void undo(DocumentDatabase database) {
            database.delete("meta", "migration");
        }
    }

    /** Its rollback throws. */
    @ChangeUnit(id = "create-archive", order = "5")
    public static final class CreateArchive {
        @Execution
        public void apply(DocumentDatabase database) {
            database.insert("archive", "marker", Map.of("created", true));
        }

        @RollbackExecution
        public void undo(DocumentDatabase database) {
            throw new IllegalStateException("the archive is locked");
        }
    }

    /** Its execution throws. */
    @ChangeUnit(id = "broken-import", order = "6")
    public static final class BrokenImport {
        @Execution
        public void apply(DocumentDatabase database) {
            throw new IllegalArgumentException("row 3 has no customer");
        }
    }

    /** Runs after all the others. */
    @ChangeUnit(id = "tidy-up", order = "7")
    public static final class TidyUp {
        @Execution
        public void apply(DocumentDatabase database) {
            database.insert("meta", "tidy", Map.of("done", true));
        }
    }

    /**
     * Its rollback removes exactly the documents its execution inserted, which its instance remembers: a
     * run's rollback runs on the instance whose execution failed, so it undoes a partial seed and never
     * deletes a document of the same id that was there before.
     */
    @ChangeUnit(id = "seed-suppliers", order = "8")
    public static final class SeedSuppliersRemembering {
        private final List<String> inserted = new ArrayList<>();

        @Execution
        public void apply(DocumentDatabase database) {
            for (String id : List.of("s-1", "s-2")) {
                if (database.find("suppliers", id) == null) {
                    database.insert("suppliers", id, Map.of("name", id));
                    inserted.add(id);
                }
            }
        }

        @RollbackExecution
        public void undo(DocumentDatabase database) {
            inserted.forEach(id -> database.delete("suppliers", id));
        }
    }

    private final DocumentDatabase database = new DocumentDatabase();

    private ChangeSetRehearsal rehearsal(TidemarkBuilder builder, Class<?>... changeUnits) {
        return ChangeSetRehearsal.of(builder.changeUnits(changeUnits).dependency(database))
                .observing(database::snapshot);
    }

    @Test
    void aRollbackRunsOnTheInstanceThatAppliedTheChangeAsInARun(TidemarkBuilder builder) {
        RehearsalReport report =
                rehearsal(builder, SeedSuppliersRemembering.class).assertPasses();

        assertEquals(
                List.of(
                        "apply seed-suppliers: APPLIED",
                        "roll back seed-suppliers: ROLLED_BACK",
                        "apply seed-suppliers again: APPLIED",
                        "second run: nothing applied"),
                report.steps());
        assertEquals(Map.of("name", "s-2"), database.find("suppliers", "s-2"));
    }

    @Test
    void aCorrectChangeSetPasses(TidemarkBuilder builder, InMemoryAuditStore store) {
        RehearsalReport report = rehearsal(builder, SeedCustomers.class, SeedOrders.class, AddStatus.class)
                .assertPasses();

        assertEquals(
                List.of(
                        "apply seed-customers: APPLIED",
                        "roll back seed-customers: ROLLED_BACK",
                        "apply seed-customers again: APPLIED",
                        "apply seed-orders: APPLIED",
                        "roll back seed-orders: ROLLED_BACK",
                        "apply seed-orders again: APPLIED",
                        "apply add-status: APPLIED",
                        "second run: nothing applied"),
                report.steps());
        assertEquals("PLACED", database.find("orders", "o-3").get("status"));
        assertThat(chain(store))
                .verifies()
                .hasNoIssues()
                .hasApplied("seed-customers", "seed-orders", "add-status")
                .hasRecordsOf(
                        "seed-customers",
                        AuditState.STARTED,
                        AuditState.APPLIED,
                        AuditState.ROLLED_BACK,
                        AuditState.STARTED,
                        AuditState.APPLIED)
                .hasMetadata("seed-customers", "customers", "2");
    }

    @Test
    void aRollbackThatForgetsADocumentIsCaughtAndNamed(TidemarkBuilder builder) {
        ChangeSetRehearsal rehearsal =
                rehearsal(builder, SeedCustomers.class, SeedOrdersForgetful.class, AddStatus.class);

        AssertionFailedError failure = assertThrows(AssertionFailedError.class, rehearsal::assertPasses);

        String message = failure.getMessage();
        assertTrue(
                message.startsWith("Rehearsal of 3 change unit(s) found 1 problem(s):" + System.lineSeparator()
                        + "  1. change 'seed-orders': its rollback did not restore the data seen before it was applied:"
                        + System.lineSeparator() + "     - present after its rollback but not before it was applied: "
                        + "orders/o-3={"),
                message);
        assertTrue(message.contains("customer=c-1") && message.contains("cents=650"), message);
        assertTrue(message.contains("Steps:" + System.lineSeparator() + "  apply seed-customers: APPLIED"), message);
        assertTrue(message.contains("  roll back seed-orders: ROLLED_BACK"), message);
        assertTrue(message.contains("  second run: nothing applied"), message);
    }

    @Test
    void aReapplicationThatDiffersFromTheFirstIsCaught(TidemarkBuilder builder) {
        RehearsalReport report = rehearsal(builder, StampMigration.class).run();

        assertEquals(1, report.findings().size(), report::describe);
        RehearsalFinding finding = report.findings().get(0);
        assertEquals(RehearsalFinding.Kind.REAPPLY_DIFFERS, finding.kind());
        assertEquals("stamp-migration", finding.changeId());
        assertTrue(
                finding.message()
                        .contains("- different: meta/migration: after its first application {run=1}, "
                                + "after it was applied again {run=2}"),
                finding.message());
    }

    @Test
    void aRollbackThatThrowsStopsTheRehearsalThere(TidemarkBuilder builder) {
        RehearsalReport report = rehearsal(builder, SeedCustomers.class, CreateArchive.class, TidyUp.class)
                .run();

        assertEquals(
                List.of(new RehearsalFinding(
                        "create-archive",
                        RehearsalFinding.Kind.ROLLBACK_FAILED,
                        "its rollback failed: java.lang.IllegalStateException: the archive is locked")),
                report.findings());
        assertEquals(
                "roll back create-archive: ROLLBACK_FAILED",
                report.steps().get(report.steps().size() - 1));
    }

    @Test
    void aChangeThatThrowsStopsTheRehearsalThere(TidemarkBuilder builder, InMemoryAuditStore store) {
        RehearsalReport report = rehearsal(builder, SeedCustomers.class, BrokenImport.class, TidyUp.class)
                .run();

        assertEquals(
                List.of(new RehearsalFinding(
                        "broken-import",
                        RehearsalFinding.Kind.APPLY_FAILED,
                        "applying it failed: java.lang.IllegalArgumentException: row 3 has no customer")),
                report.findings());
        assertEquals(
                "apply broken-import: FAILED", report.steps().get(report.steps().size() - 1));
        assertThat(chain(store)).hasNoRecordOf("tidy-up");
        assertEquals(null, database.find("meta", "tidy"));
    }

    @Test
    void aProbeThatThrowsIsReported(TidemarkBuilder builder) {
        RehearsalReport report = ChangeSetRehearsal.of(
                        builder.changeUnits(SeedCustomers.class).dependency(database))
                .observing(() -> {
                    if (database.find("customers", "c-1") != null) {
                        throw new IllegalStateException("snapshot failed");
                    }
                    return database.snapshot();
                })
                .run();

        assertEquals(
                List.of(
                        new RehearsalFinding(
                                "seed-customers",
                                RehearsalFinding.Kind.PROBE_FAILED,
                                "the state probe failed after it was applied: java.lang.IllegalStateException: snapshot failed")),
                report.findings());
    }

    @Test
    void withoutAProbeEveryStepStillRunsAndOnlyDataIsNotCompared(TidemarkBuilder builder) {
        RehearsalReport report = ChangeSetRehearsal.of(
                        builder.changeUnits(SeedCustomers.class, SeedOrdersForgetful.class)
                                .dependency(database))
                .assertPasses();

        assertEquals(7, report.steps().size(), report::describe);
        assertTrue(report.describe().startsWith("Rehearsal of 2 change unit(s) passed."), report.describe());
    }

    @Test
    void withoutAStoreTheRehearsalKeepsItsRecordsInAFreshInMemoryChain() {
        ChangeSetRehearsal rehearsal = ChangeSetRehearsal.of(Tidemark.builder()
                        .configuration(TidemarkConfig.of())
                        .changeUnits(SeedCustomers.class)
                        .dependency(database))
                .observing(database::snapshot);

        assertTrue(rehearsal.assertPasses().passed());
        assertEquals(Map.of("name", "Ada"), database.find("customers", "c-1"));
    }

    @Test
    void invalidChangeUnitsFailAsBuildWould(TidemarkBuilder builder) {
        ConfigurationException error = assertThrows(
                ConfigurationException.class,
                () -> ChangeSetRehearsal.of(builder.changeUnits(SeedCustomers.class))
                        .run());

        assertTrue(error.getMessage().contains("nothing supplies it"), error.getMessage());
    }
}
