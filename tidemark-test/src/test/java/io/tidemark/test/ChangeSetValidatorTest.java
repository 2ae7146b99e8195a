package io.tidemark.test;

import static io.tidemark.test.TidemarkAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tidemark.api.ChangeContext;
import io.tidemark.api.ChangeUnit;
import io.tidemark.api.Execution;
import io.tidemark.api.RollbackExecution;
import io.tidemark.core.ChangeSetValidation;
import io.tidemark.core.ChangeUnitInfo;
import io.tidemark.core.Tidemark;
import io.tidemark.core.TidemarkBuilder;
import io.tidemark.core.TidemarkConfig;
import io.tidemark.core.error.ConfigurationException;
import io.tidemark.core.memory.InMemoryAuditStore;
import io.tidemark.core.memory.InMemoryTransaction;
import java.io.Closeable;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.opentest4j.AssertionFailedError;

/**
 * The validator reports, without a store, exactly the problems {@code build()} reports: one case per
 * bad change unit the engine's own tests cover ({@code ChangeSetLoaderTest},
 * {@code TransactionHandleParameterTest}, {@code ChangeIdTextTest} in audit-core), each compared with
 * what {@code build()} says on an in-memory store given the same dependencies.
 */
class ChangeSetValidatorTest {

    interface Repository {}

    static final class AccountRepository implements Repository {}

    static final class OrderRepository implements Repository {}

    @ChangeUnit(id = "ok-a", order = "10")
    static class OkA {
        @Execution
        void apply(ChangeContext context, AccountRepository accounts) {}
    }

    @ChangeUnit(id = "ok-b", order = "2")
    static class OkB {
        OkB(AccountRepository accounts) {}

        @Execution
        void apply() {}

        @RollbackExecution
        void undo(ChangeContext context) {}
    }

    static class NotAnnotated {
        @Execution
        void apply() {}
    }

    @ChangeUnit(id = " ", order = "1..2")
    static class BlankIdBadOrder {
        @Execution
        void apply() {}
    }

    @ChangeUnit(id = "ok-a", order = "11")
    static class DuplicateId {
        @Execution
        void apply() {}
    }

    @ChangeUnit(id = "same-order", order = "10.0")
    static class SameOrderA {
        @Execution
        void apply() {}
    }

    @ChangeUnit(id = "same-order-b", order = "10.00")
    static class SameOrderB {
        @Execution
        void apply() {}
    }

    @ChangeUnit(id = "no-execution", order = "30")
    static class NoExecution {
        void apply() {}
    }

    @ChangeUnit(id = "two-executions", order = "31")
    static class TwoExecutions {
        @Execution
        void first() {}

        @Execution
        void second() {}
    }

    @ChangeUnit(id = "two-rollbacks", order = "32")
    static class TwoRollbacks {
        @Execution
        void apply() {}

        @RollbackExecution
        void undoA() {}

        @RollbackExecution
        void undoB() {}
    }

    @ChangeUnit(id = "unsatisfied", order = "33")
    static class Unsatisfied {
        @Execution
        void apply(StringBuilder nothingRegistersThis) {}
    }

    @ChangeUnit(id = "ambiguous", order = "34")
    static class Ambiguous {
        @Execution
        void apply(Repository which) {}
    }

    @ChangeUnit(id = "abstract", order = "35")
    abstract static class AbstractChange {
        @Execution
        void apply() {}
    }

    @ChangeUnit(id = "inner", order = "36")
    class InnerChange {
        @Execution
        void apply() {}
    }

    @ChangeUnit(id = "constructors", order = "37")
    static class TwoConstructors {
        TwoConstructors(AccountRepository a) {}

        TwoConstructors(OrderRepository o) {}

        @Execution
        void apply() {}
    }

    @ChangeUnit(id = "context-in-constructor", order = "38")
    static class ContextInConstructor {
        ContextInConstructor(ChangeContext context) {}

        @Execution
        void apply() {}
    }

    @ChangeUnit(id = "transactional", order = "40")
    static class Transactional {
        @Execution
        void apply(InMemoryTransaction transaction, ChangeContext context) {}
    }

    @ChangeUnit(id = "rollback-with-handle", order = "41")
    static class RollbackWithHandle {
        @Execution
        void apply(InMemoryTransaction transaction) {}

        @RollbackExecution
        void undo(InMemoryTransaction transaction) {}
    }

    @ChangeUnit(id = "transactional-with-rollback", order = "42")
    static class TransactionalWithRollback {
        @Execution
        void apply(InMemoryTransaction transaction) {}

        @RollbackExecution
        void undo(ChangeContext context) {}
    }

    @ChangeUnit(id = "handle-in-constructor", order = "43")
    static class HandleInConstructor {
        HandleInConstructor(InMemoryTransaction transaction) {}

        @Execution
        void apply() {}
    }

    @ChangeUnit(id = "takes-closeable", order = "44")
    static class TakesCloseable {
        @Execution
        void apply(Closeable resource) {}
    }

    @ChangeUnit(id = "rocket-\uD83D", order = "50")
    static class CutEmojiId {
        @Execution
        void apply() {}
    }

    @ChangeUnit(id = "cut-author", order = "51", author = "ana \uDE80")
    static class CutEmojiAuthor {
        @Execution
        void apply() {}
    }

    @ChangeUnit(
            id = "a-very-long-id-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
                    + "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
                    + "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
            order = "52")
    static class LongId {
        @Execution
        void apply() {}
    }

    /** One bad change set: its classes and scanned packages, and how many problems build() reports. */
    record Case(String name, List<Class<?>> classes, List<String> packages, int problems) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Arguments> badChangeSets() {
        return Stream.of(
                        new Case("not annotated", List.of(NotAnnotated.class), List.of(), 1),
                        new Case("blank id and malformed order", List.of(BlankIdBadOrder.class), List.of(), 2),
                        new Case("duplicate id", List.of(OkA.class, DuplicateId.class), List.of(), 1),
                        new Case("same order", List.of(SameOrderA.class, SameOrderB.class), List.of(), 1),
                        new Case("no @Execution", List.of(NoExecution.class), List.of(), 1),
                        new Case("two @Execution", List.of(TwoExecutions.class), List.of(), 1),
                        new Case("two @RollbackExecution", List.of(TwoRollbacks.class), List.of(), 1),
                        new Case("parameter nothing supplies", List.of(Unsatisfied.class), List.of(), 1),
                        new Case("ambiguous parameter", List.of(Ambiguous.class), List.of(), 1),
                        new Case("abstract class", List.of(AbstractChange.class), List.of(), 1),
                        new Case("inner class", List.of(InnerChange.class), List.of(), 1),
                        new Case("two constructors", List.of(TwoConstructors.class), List.of(), 1),
                        new Case("context in constructor", List.of(ContextInConstructor.class), List.of(), 1),
                        new Case("handle in rollback", List.of(RollbackWithHandle.class), List.of(), 2),
                        new Case("transactional with rollback", List.of(TransactionalWithRollback.class), List.of(), 1),
                        new Case("handle in constructor", List.of(HandleInConstructor.class), List.of(), 1),
                        new Case("supertype of the handle", List.of(TakesCloseable.class), List.of(), 1),
                        new Case("cut emoji in id", List.of(CutEmojiId.class), List.of(), 1),
                        new Case("cut emoji in author", List.of(CutEmojiAuthor.class), List.of(), 1),
                        new Case("id too long", List.of(LongId.class), List.of(), 1),
                        new Case("no change units", List.of(), List.of(), 1),
                        new Case("package without change units", List.of(), List.of("io.tidemark.test.no.such.pkg"), 1),
                        new Case(
                                "everything at once",
                                List.of(
                                        OkA.class,
                                        OkB.class,
                                        NotAnnotated.class,
                                        BlankIdBadOrder.class,
                                        DuplicateId.class,
                                        SameOrderA.class,
                                        SameOrderB.class,
                                        NoExecution.class,
                                        TwoExecutions.class,
                                        TwoRollbacks.class,
                                        Unsatisfied.class,
                                        Ambiguous.class,
                                        AbstractChange.class,
                                        InnerChange.class,
                                        TwoConstructors.class,
                                        ContextInConstructor.class,
                                        RollbackWithHandle.class,
                                        TransactionalWithRollback.class,
                                        TakesCloseable.class),
                                List.of("io.tidemark.test.no.such.pkg"),
                                19))
                .map(Arguments::of);
    }

    private static TidemarkBuilder builderOnAStore(Case change) {
        return Tidemark.builder()
                .auditStore(new InMemoryAuditStore(new TestClock()))
                .configuration(TidemarkConfig.of())
                .dependency(AccountRepository.class, new AccountRepository())
                .dependency(OrderRepository.class, new OrderRepository())
                .changeUnits(change.classes().toArray(Class<?>[]::new))
                .scanPackage(change.packages().toArray(String[]::new));
    }

    private static ChangeSetValidator validator(Case change) {
        return ChangeSetValidator.forClasses(change.classes().toArray(Class<?>[]::new))
                .andPackage(change.packages().toArray(String[]::new))
                .supplies(AccountRepository.class, OrderRepository.class)
                .transactionHandle(InMemoryTransaction.class);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badChangeSets")
    void reportsWhatBuildReportsWithoutAStore(Case change) {
        ConfigurationException fromBuild = assertThrows(
                ConfigurationException.class, () -> builderOnAStore(change).build());

        List<String> problems = validator(change).problems();

        assertEquals(change.problems(), fromBuild.problems().size(), () -> "build() reports " + fromBuild.problems());
        assertEquals(fromBuild.problems(), problems);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badChangeSets")
    void assertValidFailsListingEveryProblem(Case change) {
        List<String> problems = validator(change).problems();

        AssertionFailedError failure =
                assertThrows(AssertionFailedError.class, () -> validator(change).assertValid());

        assertTrue(
                failure.getMessage()
                        .startsWith("Expected the change set to be valid, but " + problems.size()
                                + " problem(s) were found:"),
                failure.getMessage());
        for (int i = 0; i < problems.size(); i++) {
            assertTrue(failure.getMessage().contains("  " + (i + 1) + ". " + problems.get(i)), failure.getMessage());
        }
    }

    @Test
    void aValidChangeSetGivesItsChangeUnitsInRunOrder() {
        List<ChangeUnitInfo> units = ChangeSetValidator.forClasses(OkA.class, OkB.class, Transactional.class)
                .supplies(AccountRepository.class)
                .transactionHandle(InMemoryTransaction.class)
                .assertValid();

        assertEquals(
                List.of("ok-b", "ok-a", "transactional"),
                units.stream().map(ChangeUnitInfo::id).toList());
        assertTrue(units.get(2).transactional());
    }

    @Test
    void aPackageIsScannedWithItsSubPackages() {
        List<ChangeUnitInfo> units = ChangeSetValidator.forPackage("io.tidemark.test.scanned")
                .supplies(StringBuilder.class)
                .assertValid();

        assertEquals(
                List.of("first-scanned", "second-scanned"),
                units.stream().map(ChangeUnitInfo::id).toList());
    }

    @Test
    void aSuppliedSupertypeOrSubtypeResolvesAsARegisteredDependencyWould() {
        assertThat(ChangeSetValidator.forClasses(Ambiguous.class)
                        .supplies(AccountRepository.class)
                        .validate())
                .isValid();
        assertThat(ChangeSetValidator.forClasses(Ambiguous.class).validate())
                .hasProblemCount(1)
                .hasProblemContaining("Ambiguous.apply parameter 1", "nothing supplies it");
    }

    @Test
    void withoutTheHandleTypeATransactionalChangeIsReportedWithWhatToDo() {
        List<String> problems =
                ChangeSetValidator.forClasses(Transactional.class).problems();

        assertEquals(1, problems.size(), problems::toString);
        assertTrue(
                problems.get(0).contains("nothing supplies it")
                        && problems.get(0)
                                .contains("if it is the store's transaction handle: name its type to the validation"),
                problems::toString);
    }

    @Test
    void whatOnlyTheStoreKnowsIsLeftToBuild() {
        // Documented limit: whether the store can run transactions is asked of the store, at build().
        TidemarkBuilder storeWithoutTransactions = Tidemark.builder()
                .auditStore(new InMemoryAuditStore(new TestClock(), false))
                .configuration(TidemarkConfig.of())
                .changeUnits(Transactional.class);

        ConfigurationException fromBuild = assertThrows(ConfigurationException.class, storeWithoutTransactions::build);

        assertTrue(fromBuild.getMessage().contains("cannot run transactions"), fromBuild.getMessage());
        assertEquals(
                List.of(),
                ChangeSetValidator.forClasses(Transactional.class)
                        .transactionHandle(InMemoryTransaction.class)
                        .problems());
    }

    @Test
    void aProblemAssertionWithNothingToLookForIsRefused() {
        ChangeSetValidation invalid =
                ChangeSetValidator.forClasses(NoExecution.class).validate();

        IllegalArgumentException none = assertThrows(
                IllegalArgumentException.class, () -> assertThat(invalid).hasProblemContaining());
        IllegalArgumentException empty = assertThrows(
                IllegalArgumentException.class, () -> assertThat(invalid).hasProblemContaining("methods", ""));

        assertEquals(
                "hasProblemContaining() needs at least one text: with none it checks nothing and passes on any "
                        + "problem, whatever it says (use hasProblemCount)",
                none.getMessage());
        assertEquals(
                "hasProblemContaining(...) was given an empty text: every one must be a non-empty text, or the "
                        + "assertion passes on any problem, whatever it says (use hasProblemCount)",
                empty.getMessage());
    }

    @Test
    void validationAssertionsExplainWhatIsMissing() {
        AssertionFailedError failure = assertThrows(
                AssertionFailedError.class,
                () -> assertThat(
                                ChangeSetValidator.forClasses(NoExecution.class).validate())
                        .hasProblemContaining("two", "methods"));
        AssertionFailedError count = assertThrows(
                AssertionFailedError.class,
                () -> assertThat(ChangeSetValidator.forClasses(OkB.class)
                                .supplies(AccountRepository.class)
                                .validate())
                        .hasProblemCount(1));

        assertTrue(
                failure.getMessage()
                        .startsWith("Expected a problem mentioning \"two\" and \"methods\", but 1 "
                                + "problem(s) were found:"),
                failure.getMessage());
        assertTrue(failure.getMessage().contains("has no @Execution method"), failure.getMessage());
        assertEquals("Expected 1 problem(s), but no problem was found", count.getMessage());
    }
}
