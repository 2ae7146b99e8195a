package io.tidemark.core.mongock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.tidemark.api.ChangeContext;
import io.tidemark.api.ChangeUnit;
import io.tidemark.api.Execution;
import io.tidemark.core.ChangeResult;
import io.tidemark.core.ChangeUnitInfo;
import io.tidemark.core.RunReport;
import io.tidemark.core.Tidemark;
import io.tidemark.core.TidemarkBuilder;
import io.tidemark.core.TidemarkConfig;
import io.tidemark.core.error.ChangeFailedException;
import io.tidemark.core.error.ConfigurationException;
import io.tidemark.core.memory.InMemoryAuditStore;
import io.tidemark.core.mongock.MongockStyleChanges.AnotherOrderNine;
import io.tidemark.core.mongock.MongockStyleChanges.BeforeTakesTransaction;
import io.tidemark.core.mongock.MongockStyleChanges.BothAnnotations;
import io.tidemark.core.mongock.MongockStyleChanges.ChosenConstructor;
import io.tidemark.core.mongock.MongockStyleChanges.CreateUsers;
import io.tidemark.core.mongock.MongockStyleChanges.IndexUsers;
import io.tidemark.core.mongock.MongockStyleChanges.LegacyChangeLog;
import io.tidemark.core.mongock.MongockStyleChanges.LegacyRunsAlways;
import io.tidemark.core.mongock.MongockStyleChanges.NoExecution;
import io.tidemark.core.mongock.MongockStyleChanges.NotFailFast;
import io.tidemark.core.mongock.MongockStyleChanges.OrderNine;
import io.tidemark.core.mongock.MongockStyleChanges.OrderTen;
import io.tidemark.core.mongock.MongockStyleChanges.RunsAlways;
import io.tidemark.core.testing.CapturedLog;
import io.tidemark.core.testing.MutableClock;
import io.tidemark.spi.AuditRecord;
import io.tidemark.spi.AuditState;
import io.tidemark.tck.changes.ChangeTarget;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Change units written for Mongock run under Tidemark unchanged; what has no equivalent fails the build. */
class MongockChangeUnitsTest {

    private final MutableClock clock = MutableClock.atFixedStart();
    private final InMemoryAuditStore store = new InMemoryAuditStore(clock);
    private final ChangeTarget target = new ChangeTarget();

    private TidemarkBuilder builder() {
        return Tidemark.builder()
                .auditStore(store)
                .configuration(TidemarkConfig.of())
                .dependency(ChangeTarget.class, target)
                .clock(clock)
                .sleeper(clock::advance)
                .instanceId("test-host");
    }

    private List<AuditRecord> history() {
        try (Stream<AuditRecord> records = store.history().readAll("default")) {
            return records.toList();
        }
    }

    @ChangeUnit(id = "tidemark-five", order = "5")
    public static class TidemarkFive {
        @Execution
        public void execute(ChangeTarget target, ChangeContext context) {
            target.execute(context);
        }
    }

    @ChangeUnit(id = "tidemark-ninety-five", order = "95")
    public static class TidemarkNinetyFive {
        @Execution
        public void execute(ChangeTarget target, ChangeContext context) {
            target.execute(context);
        }
    }

    @Test
    void aMongockChangeUnitRunsWithItsIdOrderAndAuthor() {
        RunReport report = builder().changeUnits(CreateUsers.class).build().run();

        assertThat(report.applied()).extracting(ChangeResult::changeId).containsExactly("create-users");
        assertThat(target.applied("create-users")).isEqualTo(1);
        AuditRecord applied = history().stream()
                .filter(r -> r.state() == AuditState.APPLIED)
                .findFirst()
                .orElseThrow();
        assertThat(applied.changeId()).isEqualTo("create-users");
        assertThat(applied.order()).isEqualTo("001");
        assertThat(applied.author()).isEqualTo("ana");
        assertThat(applied.className()).isEqualTo(CreateUsers.class.getName());
        assertThat(applied.methodName()).isEqualTo("execute");
    }

    @Test
    void itsRollbackRunsWhenItFails() {
        target.setFailing("create-users", true);

        catchThrowableOfType(
                ChangeFailedException.class,
                () -> builder().changeUnits(CreateUsers.class).build().run());

        assertThat(target.rollbacks("create-users")).isEqualTo(1);
        assertThat(history())
                .extracting(AuditRecord::state)
                .containsExactly(AuditState.STARTED, AuditState.FAILED, AuditState.ROLLED_BACK);
    }

    @Test
    void aBeforeExecutionMethodIsItsOwnChangeRunFirstUnderMongocksId() {
        Tidemark tidemark = builder().changeUnits(IndexUsers.class).build();

        RunReport report = tidemark.run();

        assertThat(tidemark.changeUnits())
                .extracting(ChangeUnitInfo::id)
                .containsExactly("index-users_before", "index-users");
        assertThat(tidemark.changeUnits())
                .allSatisfy(info -> assertThat(info.transactional()).isFalse());
        assertThat(report.applied())
                .extracting(ChangeResult::changeId)
                .containsExactly("index-users_before", "index-users");
        assertThat(target.appliedOrder()).containsExactly("index-users_before", "index-users");
        assertThat(history())
                .filteredOn(r -> r.changeId().equals("index-users_before"))
                .extracting(AuditRecord::methodName)
                .containsOnly("createCollection");
    }

    @Test
    void theRollbackBeforeExecutionMethodUndoesTheBeforeExecution() {
        target.setFailing("index-users_before", true);

        catchThrowableOfType(
                ChangeFailedException.class,
                () -> builder().changeUnits(IndexUsers.class).build().run());

        assertThat(target.rollbacks("index-users_before")).isEqualTo(1);
        assertThat(target.attempts("index-users")).isZero();
        assertThat(history())
                .filteredOn(r -> r.state() == AuditState.ROLLED_BACK)
                .extracting(AuditRecord::methodName)
                .containsExactly("dropCollection");
    }

    @Test
    void mongockOrdersCompareAsTextAsMongockSortsThem() {
        Tidemark tidemark = builder()
                .changeUnits(OrderNine.class, OrderTen.class, AnotherOrderNine.class)
                .build();

        tidemark.run();

        // "10" < "9" as text; the two "9" are ordered by class name (AnotherOrderNine before OrderNine).
        assertThat(target.appliedOrder()).containsExactly("ten", "nine-too", "nine");
    }

    @Test
    void tidemarkAndMongockChangesAreMergedEachKeepingItsOrder() {
        Tidemark tidemark = builder()
                .changeUnits(TidemarkNinetyFive.class, OrderNine.class, TidemarkFive.class, OrderTen.class)
                .build();

        tidemark.run();

        assertThat(target.appliedOrder()).containsExactly("tidemark-five", "ten", "nine", "tidemark-ninety-five");
    }

    @Test
    void aLegacyChangeLogRunsEachChangeSetInChangeSetOrder() {
        Tidemark tidemark =
                builder().changeUnits(LegacyChangeLog.class, CreateUsers.class).build();

        tidemark.run();

        assertThat(tidemark.changeUnits())
                .extracting(ChangeUnitInfo::id, ChangeUnitInfo::order, ChangeUnitInfo::author)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("create-users", "001", "ana"),
                        org.assertj.core.groups.Tuple.tuple("legacy-first", "003.001", "bo"),
                        org.assertj.core.groups.Tuple.tuple("legacy-second", "003.002", "bo"));
        assertThat(target.appliedOrder()).containsExactly("create-users", "legacy-first", "legacy-second");
    }

    @Test
    void packagesAreScannedForMongockClassesToo() {
        Tidemark tidemark =
                builder().scanPackage("io.tidemark.core.mongock.scanned").build();

        tidemark.run();

        assertThat(target.appliedOrder()).containsExactly("scanned-mongock", "scanned-legacy");
    }

    @Test
    void theConstructorMarkedForMongockIsUsed() {
        builder().changeUnits(ChosenConstructor.class).build().run();

        assertThat(target.applied("chosen-constructor")).isEqualTo(1);
    }

    @Test
    void runAlwaysFailsTheBuildWithTheProblemAndTheWorkaround() {
        ConfigurationException error = catchThrowableOfType(
                ConfigurationException.class,
                () -> builder()
                        .changeUnits(RunsAlways.class, LegacyRunsAlways.class, CreateUsers.class)
                        .build());

        assertThat(error.problems()).hasSize(2);
        assertThat(error.problems().get(0))
                .contains(
                        RunsAlways.class.getName(),
                        "runAlways = true",
                        "no equivalent",
                        "exactly once",
                        "remove runAlways",
                        "application's start-up");
        assertThat(error.problems().get(1))
                .contains(LegacyRunsAlways.class.getName() + ".execute", "legacy-every-start", "runAlways = true");
        assertThat(history()).isEmpty();
    }

    @Test
    void failFastFalseIsAcceptedAndLoggedAsStricterInTidemark() {
        try (CapturedLog log = CapturedLog.start()) {
            builder().changeUnits(NotFailFast.class).build();

            assertThat(log.lines())
                    .anySatisfy(line -> assertThat(line)
                            .contains(
                                    "WARN",
                                    NotFailFast.class.getName(),
                                    "failFast = false",
                                    "Tidemark stops the run at any failure"));
        }
    }

    @Test
    void classesBreakingMongocksOwnRulesAreReportedAllAtOnce() {
        ConfigurationException error = catchThrowableOfType(
                ConfigurationException.class,
                () -> builder()
                        .changeUnits(BothAnnotations.class, NoExecution.class, BeforeTakesTransaction.class)
                        .build());

        assertThat(error.problems())
                .anySatisfy(p -> assertThat(p)
                        .contains(BothAnnotations.class.getName(), "both Tidemark's @ChangeUnit and Mongock's"));
        assertThat(error.problems())
                .anySatisfy(p ->
                        assertThat(p).contains(NoExecution.class.getName(), "no @Execution methods", "exactly one"));
        assertThat(error.problems())
                .anySatisfy(p -> assertThat(p)
                        .contains(
                                BeforeTakesTransaction.class.getName() + ".before",
                                "outside any transaction",
                                "cannot take the store's transaction handle"));
    }
}
