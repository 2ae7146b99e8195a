package io.tidemark.core.mongock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.tidemark.core.ChangeResult;
import io.tidemark.core.RunReport;
import io.tidemark.core.Tidemark;
import io.tidemark.core.TidemarkConfig;
import io.tidemark.core.error.ChainBrokenException;
import io.tidemark.core.error.ConfigurationException;
import io.tidemark.core.error.IssuesPendingException;
import io.tidemark.core.error.LockTimeoutException;
import io.tidemark.core.memory.InMemoryAuditStore;
import io.tidemark.core.mongock.MongockStyleChanges.CreateUsers;
import io.tidemark.core.mongock.MongockStyleChanges.IndexUsers;
import io.tidemark.core.mongock.MongockStyleChanges.LegacyChangeLog;
import io.tidemark.core.operator.MongockImport;
import io.tidemark.core.operator.OperatorApi;
import io.tidemark.core.testing.MutableClock;
import io.tidemark.spi.AuditRecord;
import io.tidemark.spi.AuditState;
import io.tidemark.spi.MongockChangeLog;
import io.tidemark.spi.MongockEntry;
import io.tidemark.tck.changes.ChangeTarget;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The import of Mongock's change log, on the in-memory store, from entries as an adapter reads them. */
class MongockImportTest {

    private static final Instant T0 = Instant.parse("2024-03-01T10:00:00Z");

    private final MutableClock clock = MutableClock.atFixedStart();
    private final InMemoryAuditStore store = new InMemoryAuditStore(clock);
    private final ChangeTarget target = new ChangeTarget();

    /** Mongock's change log as a list, read like an adapter's. */
    private static final class ListedChangeLog implements MongockChangeLog {
        final List<MongockEntry> entries = new ArrayList<>();
        int reads;

        @Override
        public String describe() {
            return "test change log mongockChangeLog";
        }

        @Override
        public Stream<MongockEntry> entries() {
            reads++;
            return List.copyOf(entries).stream();
        }

        ListedChangeLog add(MongockEntry entry) {
            entries.add(entry);
            return this;
        }
    }

    private static MongockEntry entry(String executionId, String changeId, String author, int minute, String state) {
        return entry(executionId, changeId, author, minute, state, "EXECUTION", "", false);
    }

    private static MongockEntry entry(
            String executionId,
            String changeId,
            String author,
            int minute,
            String state,
            String type,
            String errorTrace,
            boolean system) {
        return new MongockEntry(
                "_id " + changeId + "-" + minute,
                executionId,
                changeId,
                author,
                Optional.of(T0.plus(Duration.ofMinutes(minute))),
                state,
                type,
                "com.example.changes.Units",
                "execute",
                "{\"team\":\"payments\"}",
                12,
                "app-host-1",
                errorTrace,
                system);
    }

    private OperatorApi operator() {
        return Tidemark.builder()
                .auditStore(store)
                .configuration(TidemarkConfig.of())
                .clock(clock)
                .sleeper(clock::advance)
                .instanceId("importer")
                .lockTimeout(Duration.ZERO)
                .buildOperator();
    }

    private Tidemark tidemark(Class<?>... changeUnits) {
        return Tidemark.builder()
                .auditStore(store)
                .configuration(TidemarkConfig.of())
                .changeUnits(changeUnits)
                .dependency(ChangeTarget.class, target)
                .clock(clock)
                .sleeper(clock::advance)
                .instanceId("app")
                .build();
    }

    private List<AuditRecord> history() {
        try (Stream<AuditRecord> records = store.history().readAll("default")) {
            return records.toList();
        }
    }

    /** The log a Mongock application leaves behind: system changes, executed, ignored, failed and rolled back. */
    private static ListedChangeLog typicalLog() {
        String failedTrace = "{\"execution-error\":\"java.lang.IllegalStateException: index exists\\n"
                + "com.example.changes.Units.execute(Units.java:12)\\n\"}";
        return new ListedChangeLog()
                .add(entry(
                        "run-1", "system-change-00001_before", "mongock", 0, "EXECUTED", "BEFORE_EXECUTION", "", true))
                .add(entry("run-1", "system-change-00001", "mongock", 1, "EXECUTED", "EXECUTION", "", true))
                .add(entry("run-1", "create-users", "ana", 2, "EXECUTED"))
                .add(entry("run-1", "index-users_before", "ana", 3, "EXECUTED", "BEFORE_EXECUTION", "", false))
                .add(entry("run-1", "index-users", "ana", 4, "EXECUTED"))
                .add(entry("run-2", "create-users", "ana", 10, "IGNORED"))
                .add(entry("run-2", "legacy-first", "bo", 11, "FAILED", "EXECUTION", failedTrace, false))
                .add(entry(
                        "run-2",
                        "legacy-second",
                        "bo",
                        12,
                        "ROLLED_BACK",
                        "EXECUTION",
                        "{\"execution-error\":\"java.lang.RuntimeException: boom\"}",
                        false));
    }

    @Test
    void entriesBecomeRecordsKeepingMongocksFieldsInTheMetadata() {
        MongockImport result = operator().importMongock(typicalLog(), "ana");

        assertThat(result.read()).isEqualTo(8);
        assertThat(result.imported()).isEqualTo(5);
        assertThat(result.markedApplied()).isEqualTo(3);
        assertThat(result.problems()).isEqualTo(1);
        assertThat(result.rolledBack()).isEqualTo(1);
        assertThat(result.skipped()).isEqualTo(3);
        assertThat(result.systemChanges()).isEqualTo(2);
        assertThat(result.ignored()).isEqualTo(1);
        assertThat(result.alreadyImported()).isZero();
        assertThat(result.issues()).containsExactly("legacy-first");
        assertThat(result.firstSeq()).isEqualTo(1);
        assertThat(result.lastSeq()).isEqualTo(5);
        assertThat(result.verification().isIntact()).isTrue();
        assertThat(result.summary()).contains("Imported 5 of 8 entries", "legacy-first", "The chain verifies");

        List<AuditRecord> records = history();
        assertThat(records)
                .extracting(AuditRecord::changeId, AuditRecord::state)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("create-users", AuditState.MARKED_APPLIED),
                        org.assertj.core.groups.Tuple.tuple("index-users_before", AuditState.MARKED_APPLIED),
                        org.assertj.core.groups.Tuple.tuple("index-users", AuditState.MARKED_APPLIED),
                        org.assertj.core.groups.Tuple.tuple("legacy-first", AuditState.FAILED),
                        org.assertj.core.groups.Tuple.tuple("legacy-second", AuditState.ROLLED_BACK));
        AuditRecord applied = records.get(0);
        assertThat(applied.author()).isEqualTo("ana");
        assertThat(applied.className()).isEqualTo("com.example.changes.Units");
        assertThat(applied.methodName()).isEqualTo("execute");
        assertThat(applied.instanceId()).isEqualTo("importer");
        assertThat(applied.metadata())
                .containsEntry("mongock.executionId", "run-1")
                .containsEntry("mongock.author", "ana")
                .containsEntry("mongock.timestamp", "2024-03-01T10:02:00Z")
                .containsEntry("mongock.state", "EXECUTED")
                .containsEntry("mongock.type", "EXECUTION")
                .containsEntry("mongock.changeLogClass", "com.example.changes.Units")
                .containsEntry("mongock.changeSetMethod", "execute")
                .containsEntry("mongock.executionHostname", "app-host-1")
                .containsEntry("mongock.executionMillis", "12")
                .containsEntry("mongock.metadata", "{\"team\":\"payments\"}")
                .containsEntry("tidemark.importedFrom", "mongock")
                .containsEntry(AuditRecord.META_OPERATOR, "ana");
        assertThat(applied.metadata().get(AuditRecord.META_REASON)).contains("test change log mongockChangeLog");
        assertThat(records.get(1).metadata()).containsEntry("mongock.type", "BEFORE_EXECUTION");
        AuditRecord failed = records.get(3);
        assertThat(failed.errorType()).isEqualTo("java.lang.IllegalStateException");
        assertThat(failed.errorMessage())
                .startsWith("java.lang.IllegalStateException: index exists\n")
                .contains("Units.java:12");
        assertThat(records.get(4).metadata())
                .containsEntry("mongock.executionError", "java.lang.RuntimeException: boom");
    }

    @Test
    void theFirstRunAfterAnImportAppliesOnlyWhatMongockNeverExecuted() {
        operator().importMongock(typicalLog(), "ana");
        Tidemark tidemark = tidemark(CreateUsers.class, IndexUsers.class, LegacyChangeLog.class);

        IssuesPendingException issue = catchThrowableOfType(IssuesPendingException.class, tidemark::run);

        assertThat(issue.issues()).extracting(i -> i.changeId()).containsExactly("legacy-first");
        assertThat(target.attempts("create-users")).isZero();
        assertThat(target.attempts("index-users_before")).isZero();
        assertThat(target.attempts("index-users")).isZero();

        tidemark.operator().markRolledBack("legacy-first", "ana", "its index was dropped by hand");
        RunReport report = tidemark.run();

        assertThat(report.applied())
                .extracting(ChangeResult::changeId)
                .containsExactly("legacy-first", "legacy-second");
        assertThat(target.applied("legacy-first")).isEqualTo(1);
        assertThat(target.applied("legacy-second")).isEqualTo(1);
        assertThat(tidemark.operator().verify().isIntact()).isTrue();
        assertThat(tidemark.run().applied()).isEmpty();
    }

    @Test
    void anEntryWithoutStateIsExecutedAsMongockThreeAndFourWroteIt() {
        MongockImport result = operator()
                .importMongock(
                        new ListedChangeLog().add(entry("old", "create-users", "ana", 1, "", "", "", false)), "ana");

        assertThat(result.markedApplied()).isEqualTo(1);
        assertThat(history().get(0).metadata())
                .containsEntry("mongock.state", "EXECUTED")
                .containsEntry("mongock.type", "EXECUTION");
    }

    @Test
    void entriesAreAppendedInMongocksTimestampOrder() {
        ListedChangeLog log = new ListedChangeLog()
                .add(entry("run-2", "b", "ana", 20, "EXECUTED"))
                .add(entry("run-1", "a", "ana", 5, "ROLLED_BACK"))
                .add(entry("run-3", "a", "ana", 30, "EXECUTED"));

        operator().importMongock(log, "ana");

        assertThat(history())
                .extracting(AuditRecord::changeId, AuditRecord::state)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("a", AuditState.ROLLED_BACK),
                        org.assertj.core.groups.Tuple.tuple("b", AuditState.MARKED_APPLIED),
                        org.assertj.core.groups.Tuple.tuple("a", AuditState.MARKED_APPLIED));
    }

    @Test
    void aSecondImportAddsOnlyNewEntriesAndIsRefusedWhenThereAreNone() {
        ListedChangeLog log = typicalLog();
        operator().importMongock(log, "ana");

        ConfigurationException nothingNew = catchThrowableOfType(
                ConfigurationException.class, () -> operator().importMongock(log, "ana"));
        assertThat(nothingNew).hasMessageContaining("Nothing to import").hasMessageContaining("earlier import");
        assertThat(history()).hasSize(5);

        log.add(entry("run-3", "legacy-first", "bo", 20, "EXECUTED"));
        MongockImport second = operator().importMongock(log, "bo");

        assertThat(second.imported()).isEqualTo(1);
        assertThat(second.alreadyImported()).isEqualTo(5);
        assertThat(second.issues()).isEmpty();
        assertThat(history()).hasSize(6);
        assertThat(history().get(5).state()).isEqualTo(AuditState.MARKED_APPLIED);
        assertThat(operator().issues()).isEmpty();
    }

    @Test
    void aMissingOrEmptyChangeLogIsRefused() {
        assertThatThrownBy(() -> operator().importMongock(new ListedChangeLog(), "ana"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("test change log mongockChangeLog holds no entries")
                .hasMessageContaining("--collection");
        assertThat(history()).isEmpty();
    }

    @Test
    void anUnknownStateIsRefusedAndNothingIsWritten() {
        ListedChangeLog log = typicalLog().add(entry("run-3", "create-orders", "ana", 30, "DONE"));

        ConfigurationException error = catchThrowableOfType(
                ConfigurationException.class, () -> operator().importMongock(log, "ana"));

        assertThat(error.problems().get(0)).contains("_id create-orders-30", "state 'DONE'", "EXECUTED, FAILED");
        assertThat(error.problems()).last().asString().contains("Nothing was imported");
        assertThat(history()).isEmpty();
        assertThat(store.lockService().inspect("default")).isEmpty();
    }

    @Test
    void malformedEntriesAreAllListed() {
        ListedChangeLog log = new ListedChangeLog()
                .add(entry("run-1", "", "ana", 1, "EXECUTED"))
                .add(entry("run-1", "x", "ana", 2, "EXECUTED", "AFTER_EXECUTION", "", false))
                .add(new MongockEntry(
                        "_id 7", "run-1", "y", "ana", Optional.empty(), "EXECUTED", "", "", "", "", -1, "", "", false));

        ConfigurationException error = catchThrowableOfType(
                ConfigurationException.class, () -> operator().importMongock(log, "ana"));

        assertThat(error.problems()).anySatisfy(p -> assertThat(p).contains("has no changeId"));
        assertThat(error.problems()).anySatisfy(p -> assertThat(p).contains("type 'AFTER_EXECUTION'"));
        assertThat(error.problems()).anySatisfy(p -> assertThat(p).contains("_id 7", "no readable timestamp"));
        assertThat(history()).isEmpty();
    }

    @Test
    void aChangeIdWithAnotherAuthorInTheChainIsRefusedAndNothingIsWritten() {
        tidemark(CreateUsers.class).run();
        long tip = history().size();
        ListedChangeLog log = new ListedChangeLog().add(entry("run-1", "create-users", "carl", 1, "EXECUTED"));

        ConfigurationException error = catchThrowableOfType(
                ConfigurationException.class, () -> operator().importMongock(log, "ana"));

        assertThat(error.problems().get(0))
                .contains("'create-users'", "author 'carl'", "by 'ana' in chain 'default'", "another id");
        assertThat(history()).hasSize((int) tip);
    }

    @Test
    void aChangeTidemarkRanItselfIsRefusedAndNothingIsWritten() {
        tidemark(CreateUsers.class).run();
        long tip = history().size();
        ListedChangeLog log = new ListedChangeLog().add(entry("run-1", "create-users", "ana", 1, "EXECUTED"));

        ConfigurationException error = catchThrowableOfType(
                ConfigurationException.class, () -> operator().importMongock(log, "ana"));

        assertThat(error.problems().get(0)).contains("'create-users'", "Tidemark wrote itself", "both tools ran it");
        assertThat(history()).hasSize((int) tip);
    }

    @Test
    void oneChangeIdWithSeveralAuthorsInMongocksLogIsRefused() {
        ListedChangeLog log = new ListedChangeLog()
                .add(entry("run-1", "create-users", "ana", 1, "EXECUTED"))
                .add(entry("run-1", "create-users", "bo", 2, "EXECUTED"));

        ConfigurationException error = catchThrowableOfType(
                ConfigurationException.class, () -> operator().importMongock(log, "ana"));

        assertThat(error.problems().get(0)).contains("'create-users'", "several authors", "'ana', 'bo'");
        assertThat(history()).isEmpty();
    }

    @Test
    void aBrokenChainIsRefusedUnderTheLockBeforeAnythingIsAppended() {
        tidemark(LegacyChangeLog.class).run();
        AuditRecord first = history().get(0);
        store.overwrite(first.withHash("0".repeat(64)));
        List<AuditRecord> before = history();

        assertThatThrownBy(() -> operator().importMongock(typicalLog(), "ana"))
                .isInstanceOf(ChainBrokenException.class)
                .hasMessageContaining("seq 1");

        assertThat(history()).isEqualTo(before);
        assertThat(store.lockService().inspect("default")).isEmpty();
    }

    @Test
    void theImportRunsUnderTheLock() {
        store.lockService()
                .tryAcquire("default", "someone-else", Duration.ofMinutes(5))
                .orElseThrow();

        assertThatThrownBy(() -> operator().importMongock(typicalLog(), "ana"))
                .isInstanceOf(LockTimeoutException.class);
        assertThat(history()).isEmpty();
    }

    @Test
    void aBlankOperatorIsRefusedBeforeAnythingIsRead() {
        ListedChangeLog log = typicalLog();

        assertThatThrownBy(() -> operator().importMongock(log, " "))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("operator");
        assertThat(log.reads).isZero();
    }

    @Test
    void aFailureWithoutTraceOrWithAPlainTraceIsStillAnIssueWithAnError() {
        ListedChangeLog log = new ListedChangeLog()
                .add(entry("run-1", "a", "ana", 1, "FAILED"))
                .add(entry(
                        "run-1",
                        "b",
                        "ana",
                        2,
                        "ROLLBACK_FAILED",
                        "EXECUTION",
                        "{\"execution-error\":\"java.lang.IllegalStateException: first\","
                                + "\"rollback-error\":\"java.io.UncheckedIOException: undo \\\"failed\\\"\"}",
                        false));

        MongockImport result = operator().importMongock(log, "ana");

        assertThat(result.issues()).containsExactly("a", "b");
        List<AuditRecord> records = history();
        assertThat(records.get(0).errorType()).isEqualTo("unknown");
        assertThat(records.get(0).errorMessage()).contains("without an error trace");
        assertThat(records.get(1).state()).isEqualTo(AuditState.ROLLBACK_FAILED);
        assertThat(records.get(1).errorType()).isEqualTo("java.io.UncheckedIOException");
        assertThat(records.get(1).errorMessage()).isEqualTo("java.io.UncheckedIOException: undo \"failed\"");
        assertThat(records.get(1).metadata())
                .containsEntry("mongock.executionError", "java.lang.IllegalStateException: first");
    }
}
