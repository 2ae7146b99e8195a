package io.tidemark.core.internal.loading;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.tidemark.api.ChangeContext;
import io.tidemark.api.ChangeUnit;
import io.tidemark.api.Execution;
import io.tidemark.api.RollbackExecution;
import io.tidemark.core.error.ConfigurationException;
import io.tidemark.spi.TransactionSupport;
import java.io.IOException;
import java.io.InputStream;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.net.URLConnection;
import java.net.URLStreamHandler;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Optional;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChangeSetLoaderTest {

    /** A handle type standing for an adapter's transaction. */
    static final class Session {}

    /** Transaction support as far as validation sees it: a handle type and availability. */
    record SessionSupport(Optional<String> unavailableReason) implements TransactionSupport<Session> {
        @Override
        public Class<Session> handleType() {
            return Session.class;
        }

        @Override
        public Transaction<Session> begin() {
            throw new UnsupportedOperationException("validation never begins a transaction");
        }
    }

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
        private final AccountRepository accounts;

        OkB(AccountRepository accounts) {
            this.accounts = accounts;
        }

        @Execution
        void apply() {
            assertThat(accounts).isNotNull();
        }

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
        void apply(Session session, ChangeContext context) {}
    }

    @ChangeUnit(id = "rollback-with-session", order = "41")
    static class RollbackWithSession {
        @Execution
        void apply(Session session) {}

        @RollbackExecution
        void undo(Session session) {}
    }

    @ChangeUnit(id = "transactional-with-rollback", order = "42")
    static class TransactionalWithRollback {
        @Execution
        void apply(Session session) {}

        @RollbackExecution
        void undo(ChangeContext context) {}
    }

    private static ChangeSetLoader loader(Optional<TransactionSupport<?>> transactions) {
        Dependencies dependencies = new Dependencies();
        dependencies.register(AccountRepository.class, new AccountRepository());
        dependencies.register(OrderRepository.class, new OrderRepository());
        return new ChangeSetLoader(
                dependencies, transactions, "test store", ChangeSetLoaderTest.class.getClassLoader());
    }

    private static ConfigurationException problemsOf(
            Optional<TransactionSupport<?>> transactions, Class<?>... classes) {
        return catchThrowableOfType(
                ConfigurationException.class, () -> loader(transactions).load(List.of(classes), List.of()));
    }

    @Test
    void validChangesAreSortedByVersionOrder() {
        ChangeSet set = loader(Optional.empty()).load(List.of(OkA.class, OkB.class), List.of());

        assertThat(set.changes()).extracting(ChangeDefinition::id).containsExactly("ok-b", "ok-a");
        assertThat(set.changes().get(0).rollback()).isPresent();
        assertThat(set.changes().get(1).isTransactional()).isFalse();
    }

    @Test
    void theDigestDependsOnIdsOnlyNotOnTheOrderGiven() {
        ChangeSet one = loader(Optional.empty()).load(List.of(OkA.class, OkB.class), List.of());
        ChangeSet two = loader(Optional.empty()).load(List.of(OkB.class, OkA.class), List.of());
        ChangeSet three = loader(Optional.empty()).load(List.of(OkA.class), List.of());

        assertThat(one.digest()).isEqualTo(two.digest()).hasSize(64);
        assertThat(three.digest()).isNotEqualTo(one.digest());
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        ConfigurationException error = problemsOf(
                Optional.empty(),
                OkA.class,
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
                ContextInConstructor.class);

        assertThat(error.problems()).hasSize(14);
        assertThat(error.problems())
                .anySatisfy(p -> assertThat(p).contains("NotAnnotated", "not annotated with @ChangeUnit"))
                .anySatisfy(p -> assertThat(p).contains("BlankIdBadOrder", "id is blank"))
                .anySatisfy(p -> assertThat(p).contains("BlankIdBadOrder", "'1..2' has an empty segment"))
                .anySatisfy(p -> assertThat(p).contains("Change id 'ok-a'", "OkA", "DuplicateId"))
                .anySatisfy(p -> assertThat(p).contains("SameOrderA", "SameOrderB", "same order"))
                .anySatisfy(p -> assertThat(p).contains("NoExecution", "has no @Execution method"))
                .anySatisfy(p -> assertThat(p).contains("TwoExecutions", "2 @Execution methods (first, second)"))
                .anySatisfy(p -> assertThat(p).contains("TwoRollbacks", "2 @RollbackExecution methods"))
                .anySatisfy(p -> assertThat(p)
                        .contains(
                                "Unsatisfied.apply parameter 1 (java.lang.StringBuilder)",
                                "nothing supplies it",
                                "dependency(StringBuilder.class"))
                .anySatisfy(
                        p -> assertThat(p).contains("Ambiguous", "ambiguous", "AccountRepository", "OrderRepository"))
                .anySatisfy(p -> assertThat(p).contains("AbstractChange", "cannot be instantiated"))
                .anySatisfy(p -> assertThat(p).contains("InnerChange", "inner, local or anonymous"))
                .anySatisfy(p -> assertThat(p).contains("TwoConstructors", "2 constructors"))
                .anySatisfy(p -> assertThat(p).contains("ContextInConstructor", "not to constructors"));
        assertThat(error.getMessage()).startsWith("14 problems:");
    }

    @Test
    void noChangeUnitsAtAllIsAProblem() {
        ConfigurationException error = problemsOf(Optional.empty());

        assertThat(error.getMessage()).contains("No change units", "changeUnits(", "scanPackage(");
    }

    @Test
    void aTransactionHandleMakesTheChangeTransactional() {
        ChangeSet set =
                loader(Optional.of(new SessionSupport(Optional.empty()))).load(List.of(Transactional.class), List.of());

        assertThat(set.changes().get(0).isTransactional()).isTrue();
    }

    @Test
    void aTransactionHandleTheStoreCannotGiveFailsTheBuild() {
        ConfigurationException error = problemsOf(
                Optional.of(new SessionSupport(Optional.of("a standalone server; transactions need a replica set"))),
                Transactional.class);

        assertThat(error.getMessage())
                .contains("Transactional", "needs a transaction", "test store", "transactions need a replica set");
    }

    @Test
    void aStoreWithoutTransactionsSaysSo() {
        ConfigurationException error = problemsOf(Optional.empty(), Transactional.class);

        assertThat(error.getMessage()).contains("nothing supplies it", "test store offers no transactions");
    }

    @Test
    void aRollbackCannotTakeTheTransactionHandle() {
        ConfigurationException error =
                problemsOf(Optional.of(new SessionSupport(Optional.empty())), RollbackWithSession.class);

        assertThat(error.getMessage()).contains("RollbackWithSession.undo", "only the @Execution method");
    }

    @Test
    void aTransactionalChangeCannotHaveARollback() {
        ConfigurationException error =
                problemsOf(Optional.of(new SessionSupport(Optional.empty())), TransactionalWithRollback.class);

        assertThat(error.problems())
                .singleElement()
                .satisfies(p -> assertThat(p)
                        .contains(
                                "TransactionalWithRollback",
                                "takes the store's transaction handle and also has a @RollbackExecution",
                                "remove the rollback"));
    }

    @Test
    void packagesAreScannedWithSubPackages() {
        ChangeSet set = loader(Optional.empty()).load(List.of(), List.of("io.tidemark.core.internal.loading.scanned"));

        assertThat(set.changes()).extracting(ChangeDefinition::id).containsExactly("first-scanned", "second-scanned");
    }

    @Test
    void aPackageWithoutChangeUnitsIsAProblem() {
        ConfigurationException error = catchThrowableOfType(
                ConfigurationException.class,
                () -> loader(Optional.empty()).load(List.of(), List.of("io.tidemark.core.engine.no.such.pkg")));

        assertThat(error.getMessage()).contains("io.tidemark.core.engine.no.such.pkg", "holds no @ChangeUnit class");
    }

    @Test
    void inANativeImageAPackageWithoutChangeUnitsSaysToNameThem() {
        String property = "org.graalvm.nativeimage.imagecode";
        System.setProperty(property, "runtime");
        try {
            ConfigurationException error = catchThrowableOfType(
                    ConfigurationException.class,
                    () -> loader(Optional.empty()).load(List.of(), List.of("com.example.changes")));

            assertThat(error.problems())
                    .singleElement()
                    .asString()
                    .contains("com.example.changes holds no @ChangeUnit class", "native image", "changeUnits(...)")
                    .doesNotContain("class path of");
        } finally {
            System.clearProperty(property);
        }
    }

    /**
     * A class loader that also finds the package somewhere neither a directory nor a jar (a GraalVM native
     * image's {@code resource:} URLs, an application server's virtual file system): the change units the
     * scanner can list are not enough, since that place may hold others.
     */
    @Test
    void aPackageFoundSomewhereThatCannotBeListedIsAProblemNotPassedOver() throws MalformedURLException {
        String scanned = "io.tidemark.core.internal.loading.scanned";
        URL unlistable = new URL(
                null, "vfs:/deployments/app.war/WEB-INF/classes/" + scanned.replace('.', '/'), new URLStreamHandler() {
                    @Override
                    protected URLConnection openConnection(URL url) {
                        return new URLConnection(url) {
                            @Override
                            public void connect() {}
                        };
                    }
                });
        ClassLoader loader = new ClassLoader(ChangeSetLoaderTest.class.getClassLoader()) {
            @Override
            public Enumeration<URL> getResources(String name) throws IOException {
                List<URL> roots = new ArrayList<>(Collections.list(super.getResources(name)));
                roots.add(unlistable);
                return Collections.enumeration(roots);
            }
        };
        ChangeSetLoader scanning = new ChangeSetLoader(new Dependencies(), Optional.empty(), "test store", loader);

        ConfigurationException error =
                catchThrowableOfType(ConfigurationException.class, () -> scanning.load(List.of(), List.of(scanned)));

        assertThat(error).as("build() fails").isNotNull();
        assertThat(error.problems())
                .singleElement()
                .asString()
                .contains(
                        "cannot list the classes of package " + scanned + " in " + unlistable,
                        "directories and jars only",
                        "native image",
                        "changeUnits(...)",
                        "tidemark.scan-packages");
    }
    /**
     * A class path root that is a directory inside a jar file, as a web-app class loader serves a war it
     * did not unpack ({@code jar:file:/srv/app.war!/WEB-INF/classes/}): the jar's entries are named
     * {@code WEB-INF/classes/io/...}, and its change units are found there like any others.
     */
    @Test
    void changeUnitsInADirectoryInsideAJarAreFound(@TempDir Path directory) throws IOException {
        String scanned = "io.tidemark.core.internal.loading.scanned";
        String path = scanned.replace('.', '/');
        Path war = directory.resolve("app.war");
        ClassLoader tests = ChangeSetLoaderTest.class.getClassLoader();
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(war))) {
            String entry = "WEB-INF/classes/";
            out.putNextEntry(new JarEntry(entry));
            for (String part : (path + "/nested").split("/")) {
                entry += part + "/";
                out.putNextEntry(new JarEntry(entry));
            }
            for (String name : List.of("FirstScanned", "NotAChange", "nested/SecondScanned")) {
                out.putNextEntry(new JarEntry("WEB-INF/classes/" + path + "/" + name + ".class"));
                try (InputStream in = tests.getResourceAsStream(path + "/" + name + ".class")) {
                    out.write(in.readAllBytes());
                }
            }
        }
        ClassLoader withoutThePackage = new ClassLoader(tests) {
            @Override
            protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
                if (name.startsWith(scanned + ".")) {
                    throw new ClassNotFoundException(name);
                }
                return super.loadClass(name, resolve);
            }

            @Override
            public URL getResource(String name) {
                return name.startsWith(path) ? null : super.getResource(name);
            }

            @Override
            public Enumeration<URL> getResources(String name) throws IOException {
                return name.startsWith(path) ? Collections.emptyEnumeration() : super.getResources(name);
            }
        };

        try (URLClassLoader webApp = new URLClassLoader(
                new URL[] {new URL("jar:" + war.toUri() + "!/WEB-INF/classes/")}, withoutThePackage)) {
            assertThat(Collections.list(webApp.getResources(path)))
                    .singleElement()
                    .asString()
                    .endsWith("app.war!/WEB-INF/classes/" + path);
            ChangeSet set = new ChangeSetLoader(new Dependencies(), Optional.empty(), "test store", webApp)
                    .load(List.of(), List.of(scanned));

            assertThat(set.changes())
                    .extracting(ChangeDefinition::id)
                    .containsExactly("first-scanned", "second-scanned");
        }
    }
}
