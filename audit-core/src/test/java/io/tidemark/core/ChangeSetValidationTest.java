package io.tidemark.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.tidemark.api.ChangeContext;
import io.tidemark.api.ChangeUnit;
import io.tidemark.api.Execution;
import io.tidemark.api.RollbackExecution;
import io.tidemark.core.error.ConfigurationException;
import io.tidemark.core.memory.InMemoryAuditStore;
import io.tidemark.core.memory.InMemoryTransaction;
import io.tidemark.core.testing.MutableClock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@link TidemarkBuilder#validate()}: the problems {@code build()} reports, without a store. */
class ChangeSetValidationTest {

    /** Stands for an application's database client, which a unit test does not have. */
    interface Database {}

    @ChangeUnit(id = "needs-database", order = "1")
    static class NeedsDatabase {
        @Execution
        void apply(Database database, ChangeContext context) {}
    }

    @ChangeUnit(id = "transactional", order = "2")
    static class Transactional {
        @Execution
        void apply(InMemoryTransaction transaction) {}
    }

    @ChangeUnit(id = "transactional-with-rollback", order = "3")
    static class TransactionalWithRollback {
        @Execution
        void apply(InMemoryTransaction transaction) {}

        @RollbackExecution
        void undo() {}
    }

    @ChangeUnit(id = "plain", order = "4")
    static class Plain {
        @Execution
        void apply() {}
    }

    @ChangeUnit(id = "plain", order = "5")
    static class SameIdAgain {
        @Execution
        void apply() {}
    }

    static class NotAChangeUnit {}

    private final MutableClock clock = MutableClock.atFixedStart();

    @Test
    void aValidChangeSetListsItsChangeUnitsInRunOrderWithoutAnyStore() {
        ChangeSetValidation validation = Tidemark.builder()
                .changeUnits(Transactional.class, NeedsDatabase.class)
                .validate(List.of(Database.class), Optional.of(InMemoryTransaction.class));

        assertThat(validation.isValid()).isTrue();
        assertThat(validation.problems()).isEmpty();
        assertThat(validation.changeUnits())
                .extracting(ChangeUnitInfo::id)
                .containsExactly("needs-database", "transactional");
        assertThat(validation.changeUnits().get(1).transactional()).isTrue();
        validation.orThrow();
    }

    @Test
    void theProblemsAreThoseBuildReportsInTheSameWordsAndOrder() {
        InMemoryAuditStore store = new InMemoryAuditStore(clock);
        TidemarkBuilder builder = Tidemark.builder()
                .auditStore(store)
                .configuration(TidemarkConfig.of())
                .changeUnits(
                        NeedsDatabase.class,
                        TransactionalWithRollback.class,
                        Plain.class,
                        SameIdAgain.class,
                        NotAChangeUnit.class);

        ConfigurationException fromBuild = catchThrowableOfType(ConfigurationException.class, builder::build);
        ChangeSetValidation validation = builder.validate();

        assertThat(fromBuild.problems()).hasSize(4);
        assertThat(validation.problems()).containsExactlyElementsOf(fromBuild.problems());
        assertThat(validation.changeUnits()).isEmpty();
        assertThatThrownBy(validation::orThrow)
                .isInstanceOf(ConfigurationException.class)
                .hasMessage(fromBuild.getMessage());
        assertThat(store.requestCount()).isZero();
    }

    @Test
    void aSuppliedTypeSatisfiesParametersWithoutAValueAndLeavesTheBuilderAsItWas() {
        TidemarkBuilder builder = Tidemark.builder().changeUnits(NeedsDatabase.class);

        ChangeSetValidation assumed = builder.validate(List.of(Database.class), Optional.empty());
        ChangeSetValidation plain = builder.validate();

        assertThat(assumed.isValid()).isTrue();
        assertThat(plain.problems())
                .singleElement()
                .satisfies(problem -> assertThat(problem)
                        .contains(
                                "NeedsDatabase.apply parameter 1", "nothing supplies it", "dependency(Database.class"));
    }

    @Test
    void withoutAStoreOrAHandleTypeATransactionHandleIsAnUnsuppliedParameterAndTheMessageSaysWhatToDo() {
        ChangeSetValidation validation =
                Tidemark.builder().changeUnits(Transactional.class).validate();

        assertThat(validation.problems())
                .singleElement()
                .satisfies(problem -> assertThat(problem)
                        .contains(
                                "InMemoryTransaction",
                                "nothing supplies it",
                                "if it is the store's transaction handle: name its type to the validation"));
    }

    @Test
    void theHandleTypeOfAGivenStoreIsUsedWithoutAskingTheStoreAnything() {
        InMemoryAuditStore storeWithoutTransactions = new InMemoryAuditStore(clock, false);
        TidemarkBuilder builder = Tidemark.builder()
                .auditStore(storeWithoutTransactions)
                .configuration(TidemarkConfig.of())
                .changeUnits(Transactional.class);

        ChangeSetValidation validation = builder.validate();

        // What only the store can tell is left to build(): it refuses a transaction it cannot run.
        assertThat(validation.isValid()).isTrue();
        assertThat(storeWithoutTransactions.requestCount()).isZero();
        assertThat(catchThrowableOfType(ConfigurationException.class, builder::build)
                        .getMessage())
                .contains("needs a transaction", "cannot run transactions");
    }

    @Test
    void settingsMadeInCodeAreCheckedAllAtOnceButConfigurationIsNotRead() {
        ChangeSetValidation validation = Tidemark.builder()
                .chain("lock")
                .instanceId("i".repeat(201))
                .leaseDuration(Duration.ofHours(2))
                .configuration(TidemarkConfig.of(ConfigSource.of(
                        "test", Map.of("tidemark.store", "no-such-store", "tidemark.lock.timeout", "forever"))))
                .changeUnits(NotAChangeUnit.class)
                .validate();

        assertThat(validation.problems()).hasSize(4);
        assertThat(validation.problems().get(0)).contains("Chain name 'lock' is reserved");
        assertThat(validation.problems().get(1)).contains("Invalid lock settings", "lease duration");
        assertThat(validation.problems().get(2)).contains("instance id");
        assertThat(validation.problems().get(3)).contains("NotAChangeUnit", "not annotated with @ChangeUnit");
    }

    @Test
    void aScannedPackageIsValidatedToo() {
        ChangeSetValidation validation = Tidemark.builder()
                .scanPackage("io.tidemark.core.internal.loading.scanned")
                .validate();

        assertThat(validation.changeUnits())
                .extracting(ChangeUnitInfo::id)
                .containsExactly("first-scanned", "second-scanned");
    }
}
