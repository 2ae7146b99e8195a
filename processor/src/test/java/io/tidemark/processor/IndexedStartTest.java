package io.tidemark.processor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.tidemark.core.ChangeOutcome;
import io.tidemark.core.ChangeResult;
import io.tidemark.core.DependencyResolver;
import io.tidemark.core.RunReport;
import io.tidemark.core.Tidemark;
import io.tidemark.core.error.ConfigurationException;
import io.tidemark.core.memory.InMemoryAuditStore;
import io.tidemark.processor.testing.CapturedLog;
import io.tidemark.processor.testing.CompiledModule;
import io.tidemark.processor.testing.RecordingLoader;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With the processor's index on the class path, an idle start decides from the index and the chain's
 * tip and loads no class of the change units' module; anything else loads and validates them as
 * without an index.
 */
class IndexedStartTest {

    static final String PACKAGE = "com.example.changes";

    @TempDir
    Path directory;

    private final InMemoryAuditStore store = new InMemoryAuditStore(Clock.systemUTC());

    private CompiledModule threeChanges() {
        return CompiledModule.in(directory)
                .changeUnit(PACKAGE + ".CreateOrders", "create-orders", "1")
                .changeUnit(PACKAGE + ".SeedOrders", "seed-orders", "2")
                .source(PACKAGE + ".AddIndex", """
                        package com.example.changes;

                        @io.tidemark.api.ChangeUnit(id = "add-index", order = "10")
                        public class AddIndex {
                            static {
                                System.setProperty("tidemark.test.add-index.initialised", "yes");
                            }

                            @io.tidemark.api.Execution
                            public void apply(io.tidemark.api.ChangeContext context) {
                                new Runnable() {
                                    public void run() {
                                    }
                                }.run();
                            }
                        }
                        """)
                .source(PACKAGE + ".Columns", """
                        package com.example.changes;

                        final class Columns {
                            static final String ID = "id";
                        }
                        """);
    }

    private Tidemark tidemark(ClassLoader loader) {
        return Tidemark.builder()
                .auditStore(store)
                .classLoader(loader)
                .scanPackage(PACKAGE)
                .build();
    }

    @Test
    void anIdleStartLoadsNoChangeUnitClass() {
        CompiledModule module = threeChanges().compileWithProcessor();
        RunReport first = tidemark(module.loader()).run();
        assertThat(first.changes()).extracting(ChangeResult::outcome).containsOnly(ChangeOutcome.APPLIED);
        System.clearProperty("tidemark.test.add-index.initialised");

        RecordingLoader loader = module.loader();
        Tidemark tidemark = tidemark(loader);
        RunReport idle = tidemark.run();

        assertThat(idle.nothingToDo()).isTrue();
        assertThat(idle.changes())
                .extracting(ChangeResult::changeId, ChangeResult::order)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("create-orders", "1"),
                        org.assertj.core.groups.Tuple.tuple("seed-orders", "2"),
                        org.assertj.core.groups.Tuple.tuple("add-index", "10"));
        assertThat(loader.loaded())
                .as("classes of the module loaded by build() and run()")
                .isEmpty();
        assertThat(System.getProperty("tidemark.test.add-index.initialised")).isNull();
        assertThat(tidemark.changeSetDigest())
                .as("the index's digest, as the classes give it")
                .isEqualTo(Tidemark.builder()
                        .auditStore(store)
                        .classLoader(module.loader())
                        .changeUnits(classes(module.loader(), "CreateOrders", "SeedOrders", "AddIndex"))
                        .build()
                        .changeSetDigest());
    }

    @Test
    void anIdleStartFromAJarLoadsNoChangeUnitClass() {
        CompiledModule module = threeChanges().compileWithProcessor();
        Path jar = module.jar(directory.resolve("changes.jar"));
        tidemark(RecordingLoader.over(jar)).run();

        RecordingLoader loader = RecordingLoader.over(jar);
        RunReport idle = tidemark(loader).run();
        assertThat(idle.nothingToDo()).isTrue();
        assertThat(idle.changes())
                .as("read from the rest of the index in the jar, when asked for")
                .extracting(ChangeResult::changeId)
                .containsExactly("create-orders", "seed-orders", "add-index");
        assertThat(loader.loaded()).isEmpty();
    }

    /**
     * Two modules, each compiled with the processor, that put change units in the same package: as two
     * jars on the class path each jar's index describes its own classes, and an idle start loads none.
     * Merged into one jar (as maven-shade-plugin does: of two files with one name it keeps the first),
     * the jar holds one module's index and both modules' classes; the other module's change unit must
     * still run, although the kept index's digest is the one the chain's checkpoint holds.
     */
    @Test
    void twoModulesSharingThePackageUseTheirIndexesAndScanOnceMergedIntoOneJar() throws IOException {
        Path orders = threeChanges().compileWithProcessor().jar(directory.resolve("orders.jar"));
        Path billing = CompiledModule.in(directory.resolve("billing"))
                .changeUnit(PACKAGE + ".ShipOrders", "ship-orders", "20")
                .compileWithProcessor()
                .jar(directory.resolve("billing.jar"));
        Path merged = mergedFirstWins(directory.resolve("merged.jar"), orders, billing);
        assertThat(tidemark(RecordingLoader.over(orders)).run().applied()).hasSize(3);

        try (CapturedLog log = CapturedLog.start()) {
            RunReport mergedStart = tidemark(RecordingLoader.over(merged)).run();
            assertThat(mergedStart.applied()).extracting(ChangeResult::changeId).containsExactly("ship-orders");
            assertThat(log.linesContaining("Tidemark does not use the build-time index"))
                    .singleElement()
                    .asString()
                    .contains("INFO", "merged.jar", "ShipOrders");
        }

        RecordingLoader twoJars = RecordingLoader.over(orders, billing);
        try (CapturedLog log = CapturedLog.start()) {
            assertThat(tidemark(twoJars).run().nothingToDo()).isTrue();
            assertThat(log.linesContaining("build-time index")).isEmpty();
        }
        assertThat(twoJars.loaded()).isEmpty();
    }

    /** A jar of every entry of {@code jars}, an entry whose name was already written left out. */
    private static Path mergedFirstWins(Path merged, Path... jars) throws IOException {
        Set<String> written = new HashSet<>();
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(merged))) {
            for (Path jar : jars) {
                try (JarFile in = new JarFile(jar.toFile())) {
                    for (JarEntry entry : Collections.list(in.entries())) {
                        if (written.add(entry.getName())) {
                            out.putNextEntry(new JarEntry(entry.getName()));
                            out.write(in.getInputStream(entry).readAllBytes());
                            out.closeEntry();
                        }
                    }
                }
            }
        }
        return merged;
    }

    /**
     * A directory on the class path whose URL has an unencoded space (a class loader built from
     * {@code File.toURL()} or by hand): scanned without the index, and its index used with it.
     */
    @Test
    void aDirectoryWhoseUrlHasAnUnencodedSpaceIsScannedAndIndexed() throws IOException {
        CompiledModule plain = CompiledModule.in(directory.resolve("plain dir"))
                .changeUnit(PACKAGE + ".CreateOrders", "create-orders", "1")
                .compileWithoutProcessor();
        @SuppressWarnings("deprecation") // the constructor that keeps the space as it is
        java.net.URL plainUrl = new java.net.URL("file:" + plain.classes().toAbsolutePath() + "/");
        assertThat(tidemark(RecordingLoader.over(plainUrl)).run().applied())
                .extracting(ChangeResult::changeId)
                .containsExactly("create-orders");

        CompiledModule module = CompiledModule.in(directory.resolve("indexed dir"))
                .changeUnit(PACKAGE + ".CreateOrders", "create-orders", "1")
                .compileWithProcessor();
        @SuppressWarnings("deprecation")
        java.net.URL indexedUrl = new java.net.URL("file:" + module.classes().toAbsolutePath() + "/");
        RecordingLoader loader = RecordingLoader.over(indexedUrl);
        try (CapturedLog log = CapturedLog.start()) {
            RunReport idle = tidemark(loader).run();
            assertThat(idle.nothingToDo()).isTrue();
            assertThat(idle.changes()).extracting(ChangeResult::changeId).containsExactly("create-orders");
            assertThat(log.linesContaining("build-time index")).isEmpty();
        }
        assertThat(loader.loaded()).isEmpty();
    }

    /** Class loaders built from {@code File.toURL()} or by hand give jar URLs whose spaces are not encoded. */
    @Test
    void aJarWhosePathHasASpaceNotEncodedInItsUrlStillUsesTheIndex() throws IOException {
        CompiledModule module = threeChanges().compileWithProcessor();
        Path jar =
                module.jar(Files.createDirectories(directory.resolve("my dir")).resolve("changes.jar"));
        @SuppressWarnings("deprecation") // the constructor that keeps the space as it is
        java.net.URL unencoded = new java.net.URL("file:" + jar.toAbsolutePath());
        assertThat(unencoded.toString()).contains("my dir");
        tidemark(RecordingLoader.over(unencoded)).run();

        RecordingLoader loader = RecordingLoader.over(unencoded);
        try (CapturedLog log = CapturedLog.start()) {
            RunReport idle = tidemark(loader).run();
            assertThat(idle.nothingToDo()).isTrue();
            assertThat(idle.changes())
                    .extracting(ChangeResult::changeId)
                    .containsExactly("create-orders", "seed-orders", "add-index");
            assertThat(log.linesContaining("build-time index")).isEmpty();
        }
        assertThat(loader.loaded()).isEmpty();
    }

    @Test
    void classFilesWhoseTimesChangedButNotTheirContentStillUseTheIndex() throws IOException {
        CompiledModule module = threeChanges().compileWithProcessor();
        tidemark(module.loader()).run();
        try (Stream<Path> files = Files.walk(module.classes())) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                Files.setLastModifiedTime(file, FileTime.fromMillis(1_000));
            }
        }

        RecordingLoader loader = module.loader();
        assertThat(tidemark(loader).run().nothingToDo()).isTrue();
        assertThat(loader.loaded()).isEmpty();
    }

    @Test
    void aNewChangeUnitIsLoadedValidatedAndRun() {
        CompiledModule module = threeChanges().compileWithProcessor();
        tidemark(module.loader()).run();
        module.changeUnit(PACKAGE + ".Backfill", "backfill", "11").compileWithProcessor();

        RecordingLoader loader = module.loader();
        Tidemark tidemark = tidemark(loader);
        assertThat(loader.loaded()).as("loaded by build()").isEmpty();
        RunReport report = tidemark.run();

        assertThat(report.changes())
                .filteredOn(r -> r.outcome() == ChangeOutcome.APPLIED)
                .extracting(ChangeResult::changeId)
                .containsExactly("backfill");
        assertThat(loader.loaded()).contains(PACKAGE + ".Backfill", PACKAGE + ".AddIndex");
        assertThat(tidemark(module.loader()).run().nothingToDo()).isTrue();
    }

    @Test
    void changeUnitsAndTheOperatorApiLoadTheClasses() {
        CompiledModule module = threeChanges().compileWithProcessor();
        RecordingLoader loader = module.loader();
        Tidemark tidemark = tidemark(loader);

        assertThat(tidemark.changeUnits())
                .extracting(info -> info.id())
                .containsExactly("create-orders", "seed-orders", "add-index");
        assertThat(loader.loaded()).contains(PACKAGE + ".CreateOrders");
        assertThat(tidemark.operator().status().records()).isZero();
    }

    @Test
    void buildStillNamesAParameterNothingSupplies() {
        CompiledModule module = usesExecutor();

        assertThatThrownBy(() -> tidemark(module.loader()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining(PACKAGE + ".UsesExecutor.apply parameter 1 (java.util.concurrent.Executor): "
                        + "nothing supplies it; register an instance with dependency(Executor.class, value)");

        RecordingLoader loader = module.loader();
        Executor direct = Runnable::run;
        Tidemark tidemark = Tidemark.builder()
                .auditStore(store)
                .classLoader(loader)
                .scanPackage(PACKAGE)
                .dependency(Executor.class, direct)
                .build();
        assertThat(loader.loaded()).isEmpty();
        assertThat(tidemark.run().changes()).extracting(ChangeResult::outcome).containsExactly(ChangeOutcome.APPLIED);
    }

    /**
     * A parameter left to the dependency resolver (a Spring bean) does not keep an idle start from the
     * index: the resolver needs the parameter itself, which only the loaded class has, so it is asked when
     * the classes load, that is when a change must run, and what it cannot supply fails that run.
     */
    @Test
    void aParameterLeftToTheDependencyResolverIsResolvedWhenTheClassesLoad() {
        CompiledModule module = usesExecutor();
        List<String> asked = new java.util.ArrayList<>();
        Executor direct = Runnable::run;
        DependencyResolver resolver = parameter -> {
            asked.add(parameter.getType().getName());
            return DependencyResolver.Resolution.of(direct);
        };
        assertThat(withResolver(module.loader(), resolver).run().applied()).hasSize(1);
        assertThat(asked).containsExactly(Executor.class.getName());

        asked.clear();
        RecordingLoader loader = module.loader();
        RunReport idle = withResolver(loader, resolver).run();
        assertThat(idle.nothingToDo()).isTrue();
        assertThat(loader.loaded()).isEmpty();
        assertThat(asked).as("nothing to run, nothing resolved").isEmpty();

        InMemoryAuditStore fresh = new InMemoryAuditStore(Clock.systemUTC());
        Tidemark unresolvable = Tidemark.builder()
                .auditStore(fresh)
                .classLoader(module.loader())
                .scanPackage(PACKAGE)
                .dependencyResolver(parameter -> DependencyResolver.Resolution.unresolved("no bean of type Executor"))
                .build();
        assertThatThrownBy(unresolvable::run)
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining(PACKAGE + ".UsesExecutor.apply parameter 1 (java.util.concurrent.Executor)")
                .hasMessageContaining("no bean of type Executor");
        Tidemark resolvable = Tidemark.builder()
                .auditStore(fresh)
                .classLoader(module.loader())
                .scanPackage(PACKAGE)
                .dependencyResolver(resolver)
                .build();
        assertThat(resolvable.run().applied())
                .as("the failed run recorded nothing")
                .extracting(ChangeResult::changeId)
                .containsExactly("uses-executor");
    }

    /**
     * A health check reads the plan every few seconds: change units found invalid once (here a bean
     * missing) are reported again without listing and loading the classes again. A resolver that threw
     * is asked again.
     */
    @Test
    void changeUnitsFoundInvalidAreNotLoadedAgainButAResolverThatThrewIsAskedAgain() {
        CompiledModule module = usesExecutor();
        List<String> asked = new java.util.ArrayList<>();
        Tidemark missingBean = withResolver(module.loader(), parameter -> {
            asked.add(parameter.getType().getName());
            return DependencyResolver.Resolution.unresolved("no bean of type Executor");
        });

        ConfigurationException first = catchThrowableOfType(ConfigurationException.class, missingBean::run);
        ConfigurationException again = catchThrowableOfType(ConfigurationException.class, missingBean::plan);

        assertThat(asked).as("the classes were loaded once").hasSize(1);
        assertThat(again).isNotSameAs(first).hasCause(first);
        assertThat(again.problems()).isEqualTo(first.problems());
        assertThat(again.getMessage()).contains("no bean of type Executor");

        Executor direct = Runnable::run;
        java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();
        Tidemark flaky = withResolver(module.loader(), parameter -> {
            if (calls.incrementAndGet() == 1) {
                throw new IllegalStateException("the bean's factory failed once");
            }
            return DependencyResolver.Resolution.of(direct);
        });
        assertThatThrownBy(flaky::run).isInstanceOf(IllegalStateException.class);
        assertThat(flaky.run().applied()).extracting(ChangeResult::changeId).containsExactly("uses-executor");
    }

    /** One change unit, "uses-executor", whose {@code @Execution} takes an {@code Executor}, compiled with the processor. */
    private CompiledModule usesExecutor() {
        return CompiledModule.in(directory)
                .source(
                        PACKAGE + ".UsesExecutor",
                        CompiledModule.changeUnit(
                                PACKAGE,
                                "UsesExecutor",
                                "uses-executor",
                                "1",
                                "java.util.concurrent.Executor executor"))
                .compileWithProcessor();
    }

    private Tidemark withResolver(ClassLoader loader, DependencyResolver resolver) {
        return Tidemark.builder()
                .auditStore(store)
                .classLoader(loader)
                .scanPackage(PACKAGE)
                .dependencyResolver(resolver)
                .build();
    }

    @Test
    void aBrokenChangeUnitFailsTheRunThatMustLoadIt() {
        CompiledModule module = CompiledModule.in(directory)
                .changeUnit(PACKAGE + ".First", "first", "1")
                .compileWithProcessor();
        tidemark(module.loader()).run();
        module.source(PACKAGE + ".Second", """
                package com.example.changes;

                @io.tidemark.api.ChangeUnit(id = "second", order = "2")
                public class Second {
                    private Second(int size) {
                    }

                    @io.tidemark.api.Execution
                    public void apply() {
                    }
                }
                """).compileWithProcessor();

        assertThatThrownBy(() -> tidemark(module.loader()).run())
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining(PACKAGE + ".Second.<init> parameter 1 (int): nothing supplies it");
    }

    @Test
    void subPackagesCompiledWithTheirParentAreIndexedToo() {
        CompiledModule module = threeChanges()
                .changeUnit(PACKAGE + ".billing.AddInvoices", "add-invoices", "20")
                .compileWithProcessor();
        assertThat(module.index(PACKAGE + ".billing")).exists();
        tidemark(module.loader()).run();

        RecordingLoader loader = module.loader();
        RunReport idle = tidemark(loader).run();
        assertThat(idle.nothingToDo()).isTrue();
        assertThat(idle.changes()).extracting(ChangeResult::changeId).endsWith("add-invoices");
        assertThat(loader.loaded()).isEmpty();
    }

    /**
     * Scanning a package above the change units (an application's own package, as Spring Boot's default
     * does) uses the index when the module holds that whole package tree: the processor indexes every
     * package of a compilation that has change units, the application's classes too, and none is loaded.
     */
    @Test
    void scanningThePackageAboveTheChangeUnitsUsesTheIndexWhenTheModuleHoldsItsWholeTree() {
        CompiledModule module =
                threeChanges().source("com.example.Application", """
                package com.example;

                public class Application {
                    static {
                        System.setProperty("tidemark.test.application.initialised", "yes");
                    }
                }
                """).compileWithProcessor();
        assertThat(module.index("com.example")).exists();
        Tidemark.builder()
                .auditStore(store)
                .classLoader(module.loader())
                .scanPackage("com.example")
                .build()
                .run();
        System.clearProperty("tidemark.test.application.initialised");

        RecordingLoader loader = module.loader();
        try (CapturedLog log = CapturedLog.start()) {
            RunReport idle = Tidemark.builder()
                    .auditStore(store)
                    .classLoader(loader)
                    .scanPackage("com.example")
                    .build()
                    .run();
            assertThat(idle.nothingToDo()).isTrue();
            assertThat(idle.changes()).hasSize(3);
            assertThat(log.linesContaining("build-time index")).isEmpty();
        }
        assertThat(loader.loaded()).isEmpty();
        assertThat(System.getProperty("tidemark.test.application.initialised")).isNull();
    }

    /**
     * Scanning a package above the change units whose other classes come from another module (compiled
     * without change units, so without an index) cannot use the index: the start scans, and says at INFO
     * which package to scan instead. Scanning that package uses the index.
     */
    /**
     * A package of the module without change units has an index too (it holds none): scanning it fails
     * with the usual error, and no INFO line about the index comes before it.
     */
    @Test
    void scanningAnIndexedPackageWithoutChangeUnitsFailsWithTheUsualErrorAlone() throws IOException {
        CompiledModule module =
                threeChanges().source("com.example.util.Strings", """
                        package com.example.util;

                        public class Strings {
                        }
                        """).compileWithProcessor();
        assertThat(module.index("com.example.util")).exists();

        try (CapturedLog log = CapturedLog.start()) {
            assertThatThrownBy(() -> Tidemark.builder()
                            .auditStore(store)
                            .classLoader(module.loader())
                            .scanPackage("com.example.util")
                            .build())
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessageContaining("Package com.example.util holds no @ChangeUnit class");
            assertThat(log.linesContaining("build-time index")).isEmpty();
        }
    }

    @Test
    void scanningAPackageAboveTheIndexedOneThatAnotherModuleSharesScansAndNamesThePackageToScan() throws IOException {
        CompiledModule module = threeChanges().compileWithProcessor();
        CompiledModule application = CompiledModule.in(directory.resolve("application"))
                .source("com.example.Application", """
                        package com.example;

                        public class Application {
                        }
                        """)
                .compileWithProcessor();
        assertThat(application.index("com.example")).doesNotExist();
        try (URLClassLoader first = new URLClassLoader(
                new URL[] {
                    module.classes().toUri().toURL(),
                    application.classes().toUri().toURL()
                },
                IndexedStartTest.class.getClassLoader())) {
            tidemark(first).run();
        }

        try (CapturedLog log = CapturedLog.start();
                URLClassLoader loader = new URLClassLoader(
                        new URL[] {
                            module.classes().toUri().toURL(),
                            application.classes().toUri().toURL()
                        },
                        IndexedStartTest.class.getClassLoader())) {
            RunReport idle = Tidemark.builder()
                    .auditStore(store)
                    .classLoader(loader)
                    .scanPackage("com.example")
                    .build()
                    .run();
            assertThat(idle.nothingToDo()).isTrue();
            assertThat(log.linesContaining("Tidemark does not use the build-time index"))
                    .singleElement()
                    .asString()
                    .contains("INFO", "of [" + PACKAGE + "]: it scans [com.example]", "Scan [" + PACKAGE + "] instead");
        }

        RecordingLoader indexed = module.loader();
        try (CapturedLog log = CapturedLog.start()) {
            assertThat(tidemark(indexed).run().nothingToDo()).isTrue();
            assertThat(log.linesContaining("build-time index")).isEmpty();
        }
        assertThat(indexed.loaded()).isEmpty();
    }

    /**
     * An index on the class path but not beside its classes (as Spring Boot's repackaging leaves it, at
     * the fat jar's root while the classes are in {@code BOOT-INF/classes}) is not used, and the start
     * says where it found it.
     */
    @Test
    void anIndexThatIsNotBesideItsClassesIsNotUsedAndTheLogSaysWhereItIs() throws IOException {
        CompiledModule module = threeChanges().compileWithProcessor();
        Path elsewhere = directory.resolve("resources-elsewhere");
        Files.createDirectories(elsewhere);
        Files.move(module.classes().resolve("META-INF"), elsewhere.resolve("META-INF"));

        try (CapturedLog log = CapturedLog.start();
                URLClassLoader loader = new URLClassLoader(
                        new URL[] {
                            module.classes().toUri().toURL(), elsewhere.toUri().toURL()
                        },
                        IndexedStartTest.class.getClassLoader())) {
            RunReport first = tidemark(loader).run();
            assertThat(first.applied()).hasSize(3);
            assertThat(log.linesContaining("Tidemark does not use the build-time index"))
                    .singleElement()
                    .asString()
                    .contains(
                            "INFO",
                            "the classes of package " + PACKAGE + " are in " + module.classes(),
                            "the one found is ")
                    .contains("resources-elsewhere/META-INF/tidemark/index/" + PACKAGE + ".idx");
        }
    }

    /** Without the processor nothing is said at INFO about an index: the scan is the normal start. */
    @Test
    void scanningWithoutAnyIndexSaysNothingAboutIndexes() {
        CompiledModule module = threeChanges().compileWithoutProcessor();
        try (CapturedLog log = CapturedLog.start()) {
            assertThat(tidemark(module.loader()).run().applied()).hasSize(3);
            assertThat(log.linesContaining("build-time index")).isEmpty();
        }
    }

    /**
     * With several indexed packages, {@code build()} reads every index whole (ids must be unique across
     * packages); one refused then makes it load the classes, as without an index.
     */
    @Test
    void anIndexOfOneOfSeveralPackagesEditedAfterItsHeadMakesBuildLoadTheClasses() throws IOException {
        CompiledModule module = threeChanges()
                .changeUnit(PACKAGE + ".billing.AddInvoices", "add-invoices", "20")
                .compileWithProcessor();
        tidemark(module.loader()).run();
        Path billing = module.index(PACKAGE + ".billing");
        Files.writeString(billing, Files.readString(billing).replace("add-invoices", "add-invoicez"));

        RecordingLoader loader = module.loader();
        try (CapturedLog log = CapturedLog.start()) {
            RunReport idle = tidemark(loader).run();
            assertThat(idle.nothingToDo()).isTrue();
            assertThat(log.linesContaining("Tidemark does not use the build-time index"))
                    .singleElement()
                    .asString()
                    .contains("INFO", PACKAGE + ".billing", "changed after the processor wrote it");
        }
        assertThat(loader.loaded()).contains(PACKAGE + ".billing.AddInvoices", PACKAGE + ".CreateOrders");
    }

    static Class<?>[] classes(ClassLoader loader, String... simpleNames) {
        return List.of(simpleNames).stream()
                .map(name -> {
                    try {
                        return Class.forName(PACKAGE + "." + name, false, loader);
                    } catch (ClassNotFoundException e) {
                        throw new IllegalStateException(e);
                    }
                })
                .toArray(Class<?>[]::new);
    }
}
