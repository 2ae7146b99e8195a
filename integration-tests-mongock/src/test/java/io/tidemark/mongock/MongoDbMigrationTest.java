package io.tidemark.mongock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.groups.Tuple.tuple;

import com.mongodb.client.MongoDatabase;
import io.mongock.driver.mongodb.sync.v4.driver.MongoSync4Driver;
import io.mongock.runner.standalone.MongockStandalone;
import io.tidemark.adapter.mongodb.MongoAuditStore;
import io.tidemark.adapter.mongodb.testing.MongoFixture;
import io.tidemark.core.ChangeResult;
import io.tidemark.core.RunReport;
import io.tidemark.core.Tidemark;
import io.tidemark.core.TidemarkConfig;
import io.tidemark.core.error.ConfigurationException;
import io.tidemark.core.error.IssuesPendingException;
import io.tidemark.core.operator.MongockImport;
import io.tidemark.core.operator.OperatorApi;
import io.tidemark.mongock.units.AddEmail;
import io.tidemark.mongock.units.CreateUsers;
import io.tidemark.mongock.units.Effects;
import io.tidemark.mongock.units.FailSwitch;
import io.tidemark.mongock.units.IndexUsers;
import io.tidemark.mongock.units.LegacyBackfill;
import io.tidemark.mongock.units.SeedUsers;
import io.tidemark.spi.AuditRecord;
import io.tidemark.spi.AuditState;
import io.tidemark.spi.MongockChangeLog;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The real Mongock 5.5.0, with its MongoDB sync driver, runs change units against mongo-java-server
 * and writes its change log; Tidemark imports that log and runs the same classes, unchanged. Every
 * change's effect must happen exactly once across both tools.
 */
class MongoDbMigrationTest {

    /** Every change unit, as the application lists them for Mongock and, later, for Tidemark. */
    private static final List<Class<?>> UNITS =
            List.of(CreateUsers.class, IndexUsers.class, SeedUsers.class, LegacyBackfill.class);

    private static final List<String> EFFECTS =
            List.of("create-users", "index-users_before", "index-users", "seed-users", "legacy-backfill", "add-email");

    private static MongoFixture mongo;
    private static int databases;

    @BeforeAll
    static void start() {
        mongo = MongoFixture.startEmbedded();
    }

    @AfterAll
    static void stop() {
        mongo.close();
    }

    private static String freshDatabase() {
        return "mongock-it-" + ++databases;
    }

    /** One run of Mongock over {@code units}, recording IGNORED entries too, with {@code failing} changes failing. */
    private static void runMongock(String database, List<Class<?>> units, Set<String> failing) {
        FailSwitch failSwitch = failing::contains;
        MongockStandalone.builder()
                .setDriver(MongoSync4Driver.withDefaultLock(mongo.client(), database))
                .addMigrationClasses(units)
                .addDependency(FailSwitch.class, failSwitch)
                .setTransactional(false)
                .setTrackIgnored(true)
                .buildRunner()
                .execute();
    }

    private static MongoDatabase application(String database) {
        return mongo.client().getDatabase(database);
    }

    private static MongoAuditStore store(String database) {
        return MongoAuditStore.builder(mongo.client(), database).build();
    }

    private static MongockChangeLog mongockLog(MongoAuditStore store) {
        return store.mongockChangeLog("mongockChangeLog").orElseThrow();
    }

    private static OperatorApi operator(MongoAuditStore store) {
        return Tidemark.builder()
                .auditStore(store)
                .configuration(TidemarkConfig.of())
                .buildOperator();
    }

    private static Tidemark tidemark(MongoAuditStore store, String database, List<Class<?>> units) {
        return Tidemark.builder()
                .auditStore(store)
                .configuration(TidemarkConfig.of())
                .changeUnits(units.toArray(Class<?>[]::new))
                .dependency(MongoDatabase.class, application(database))
                .dependency(FailSwitch.class, FailSwitch.none())
                .build();
    }

    private static List<AuditRecord> history(MongoAuditStore store) {
        try (Stream<AuditRecord> records = store.history().readAll("default")) {
            return records.toList();
        }
    }

    private static Map<String, Integer> effects(String database) {
        return EFFECTS.stream()
                .collect(java.util.stream.Collectors.toMap(e -> e, e -> Effects.count(application(database), e)));
    }

    /**
     * Mongock's first run stops at seed-users (failFast, rolled back); its second runs seed-users and
     * records legacy-backfill FAILED (failFast = false), the others IGNORED.
     */
    private static void mongockHistory(String database) {
        Throwable stopped = catchThrowable(() -> runMongock(database, UNITS, Set.of("seed-users")));
        assertThat(stopped).as("Mongock stops at the failed change unit").isNotNull();
        assertThat(rootCause(stopped)).hasMessageContaining("seed data rejected");
        runMongock(database, UNITS, Set.of("legacy-backfill"));
    }

    private static Throwable rootCause(Throwable thrown) {
        Throwable cause = thrown;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause;
    }

    private static List<String> states(String database) {
        return application(database).getCollection("mongockChangeLog").find().into(new java.util.ArrayList<>()).stream()
                .filter(d -> !d.getBoolean("systemChange", false))
                .map(d -> d.getString("changeId") + ":" + d.getString("state"))
                .toList();
    }

    @Test
    void mongocksLogIsImportedAndTidemarkRunsTheSameClassesWithEachEffectOnce() {
        String database = freshDatabase();
        mongockHistory(database);
        assertThat(states(database))
                .as("Mongock's change log, as the real Mongock wrote it")
                .containsExactlyInAnyOrder(
                        "create-users:EXECUTED",
                        "index-users_before:EXECUTED",
                        "index-users:EXECUTED",
                        "seed-users:ROLLED_BACK",
                        "create-users:IGNORED",
                        "index-users_before:IGNORED",
                        "index-users:IGNORED",
                        "seed-users:EXECUTED",
                        "legacy-backfill:FAILED");
        assertThat(effects(database))
                .as("effects after Mongock")
                .containsAllEntriesOf(Map.of(
                        "create-users",
                        1,
                        "index-users_before",
                        1,
                        "index-users",
                        1,
                        "seed-users",
                        1,
                        "legacy-backfill",
                        0,
                        "add-email",
                        0));
        MongoAuditStore store = store(database);

        MongockImport imported;
        try (OperatorApi operator = operator(store)) {
            imported = operator.importMongock(mongockLog(store), "ops");
        }

        assertThat(imported.markedApplied()).isEqualTo(4);
        assertThat(imported.rolledBack()).isEqualTo(1);
        assertThat(imported.problems()).isEqualTo(1);
        assertThat(imported.ignored()).isEqualTo(3);
        assertThat(imported.systemChanges()).isPositive();
        assertThat(imported.issues()).containsExactly("legacy-backfill");
        assertThat(imported.verification().isIntact()).isTrue();
        AuditRecord createUsers = history(store).get(0);
        assertThat(createUsers.changeId()).isEqualTo("create-users");
        assertThat(createUsers.state()).isEqualTo(AuditState.MARKED_APPLIED);
        assertThat(createUsers.author()).isEqualTo("ana");
        assertThat(createUsers.metadata())
                .containsKeys(
                        "mongock.executionId",
                        "mongock.timestamp",
                        "mongock.changeLogClass",
                        "mongock.changeSetMethod",
                        "mongock.executionHostname",
                        "mongock.executionMillis")
                .containsEntry("mongock.changeLogClass", CreateUsers.class.getName());

        List<Class<?>> withNewUnit = new java.util.ArrayList<>(UNITS);
        withNewUnit.add(AddEmail.class);
        Tidemark tidemark = tidemark(store, database, withNewUnit);
        IssuesPendingException issue = catchThrowableOfType(IssuesPendingException.class, tidemark::run);

        assertThat(issue.issues()).extracting(i -> i.changeId()).containsExactly("legacy-backfill");
        assertThat(effects(database))
                .as("nothing runs while Mongock's failure waits for a decision")
                .containsEntry("create-users", 1)
                .containsEntry("add-email", 0);

        tidemark.operator()
                .markRolledBack("legacy-backfill", "ops", "Mongock's trace shows it failed before writing anything");
        RunReport report = tidemark.run();

        assertThat(report.applied()).extracting(ChangeResult::changeId).containsExactly("legacy-backfill", "add-email");
        assertThat(effects(database))
                .as("each change's effect exactly once across both tools")
                .isEqualTo(Map.of(
                        "create-users",
                        1,
                        "index-users_before",
                        1,
                        "index-users",
                        1,
                        "seed-users",
                        1,
                        "legacy-backfill",
                        1,
                        "add-email",
                        1));
        assertThat(tidemark.operator().verify().isIntact()).isTrue();
        assertThat(tidemark(store, database, withNewUnit).run().applied()).isEmpty();
        assertThat(effects(database).values()).containsOnly(1);
    }

    @Test
    void aSecondImportAddsOnlyWhatMongockWroteSinceAndIsRefusedWhenThereIsNothingNew() {
        String database = freshDatabase();
        Throwable stopped = catchThrowable(() -> runMongock(database, UNITS, Set.of("seed-users")));
        assertThat(stopped).isNotNull();
        MongoAuditStore store = store(database);
        try (OperatorApi operator = operator(store)) {
            MongockImport first = operator.importMongock(mongockLog(store), "ops");
            assertThat(first.markedApplied()).isEqualTo(3);
            assertThat(first.rolledBack()).isEqualTo(1);

            runMongock(database, UNITS, Set.of());
            MongockImport second = operator.importMongock(mongockLog(store), "ops");

            assertThat(second.alreadyImported()).isEqualTo(4);
            assertThat(second.ignored()).isEqualTo(3);
            assertThat(second.imported()).isEqualTo(2);
            assertThat(history(store))
                    .extracting(AuditRecord::changeId, AuditRecord::state)
                    .containsExactly(
                            tuple("create-users", AuditState.MARKED_APPLIED),
                            tuple("index-users_before", AuditState.MARKED_APPLIED),
                            tuple("index-users", AuditState.MARKED_APPLIED),
                            tuple("seed-users", AuditState.ROLLED_BACK),
                            tuple("seed-users", AuditState.MARKED_APPLIED),
                            tuple("legacy-backfill", AuditState.MARKED_APPLIED));
            List<AuditRecord> before = history(store);

            ConfigurationException refused = catchThrowableOfType(
                    ConfigurationException.class, () -> operator.importMongock(mongockLog(store), "ops"));

            assertThat(refused).hasMessageContaining("Nothing to import");
            assertThat(history(store)).isEqualTo(before);
            assertThat(operator.verify().isIntact()).isTrue();
        }
    }

    /** A Tidemark change unit that happens to use the id of Mongock's CreateUsers, by another author. */
    @io.tidemark.api.ChangeUnit(id = "create-users", order = "001", author = "bo")
    public static final class OtherCreateUsers {
        @io.tidemark.api.Execution
        public void execute(MongoDatabase database) {
            Effects.add(database, "other-create-users", 1);
        }
    }

    @Test
    void aChangeIdThatTheChainHoldsUnderAnotherAuthorIsRefusedAndNothingIsWritten() {
        String database = freshDatabase();
        runMongock(database, List.of(CreateUsers.class), Set.of());
        MongoAuditStore store = store(database);
        tidemark(store, database, List.of(OtherCreateUsers.class)).run();
        List<AuditRecord> before = history(store);

        ConfigurationException refused;
        try (OperatorApi operator = operator(store)) {
            refused = catchThrowableOfType(
                    ConfigurationException.class, () -> operator.importMongock(mongockLog(store), "ops"));
        }

        assertThat(refused)
                .hasMessageContaining("Change id 'create-users' is by author 'ana'")
                .hasMessageContaining("but by 'bo' in chain 'default'")
                .hasMessageContaining("Nothing was imported");
        assertThat(history(store)).isEqualTo(before);
    }

    @Test
    void anUnknownStateInTheRealLogIsRefusedAndNothingIsWritten() {
        String database = freshDatabase();
        runMongock(database, List.of(CreateUsers.class, IndexUsers.class), Set.of());
        application(database)
                .getCollection("mongockChangeLog")
                .updateOne(
                        new Document("changeId", "index-users"), new Document("$set", new Document("state", "PAUSED")));
        MongoAuditStore store = store(database);

        ConfigurationException refused;
        try (OperatorApi operator = operator(store)) {
            refused = catchThrowableOfType(
                    ConfigurationException.class, () -> operator.importMongock(mongockLog(store), "ops"));
        }

        assertThat(refused).hasMessageContaining("PAUSED").hasMessageContaining("Nothing was imported");
        assertThat(history(store)).isEmpty();
    }

    @Test
    void aMissingOrEmptyChangeLogIsRefusedAndNothingIsWritten() {
        String database = freshDatabase();
        MongoAuditStore store = store(database);
        try (OperatorApi operator = operator(store)) {
            ConfigurationException missing = catchThrowableOfType(
                    ConfigurationException.class, () -> operator.importMongock(mongockLog(store), "ops"));
            assertThat(missing).hasMessageContaining("mongockChangeLog").hasMessageContaining("does not exist");

            application(database).createCollection("mongockChangeLog");
            ConfigurationException empty = catchThrowableOfType(
                    ConfigurationException.class, () -> operator.importMongock(mongockLog(store), "ops"));
            assertThat(empty).hasMessageContaining("holds no entries");
        }
        assertThat(history(store)).isEmpty();
    }
}
