package io.tidemark.processor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tidemark.core.ChangeResult;
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
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Review of "the processor indexes every package of a compilation that holds change units" (287adb1):
 * a start scanning the application's own package, as Spring Boot's default does, must never skip a
 * change unit that a scan without the index would find and run.
 */
class EveryPackageIndexReviewTest {

    static final String APP = "com.example";
    static final String CHANGES = "com.example.changes";

    @TempDir
    Path directory;

    private final InMemoryAuditStore store = new InMemoryAuditStore(Clock.systemUTC());

    private static String application(String body) {
        return "package com.example;\n\npublic class Application {\n" + body + "}\n";
    }

    /** A module with the application class in {@code com.example} and one change unit below it. */
    private CompiledModule module(String name) {
        return CompiledModule.in(directory.resolve(name))
                .source(APP + ".Application", application(""))
                .changeUnit(CHANGES + ".CreateOrders", "create-orders", "1");
    }

    private Tidemark tidemark(ClassLoader loader) {
        return Tidemark.builder()
                .auditStore(store)
                .classLoader(loader)
                .scanPackage(APP)
                .build();
    }

    /** Applies create-orders from a fully compiled, indexed module. */
    private CompiledModule applied() {
        CompiledModule module = module("module").compileWithProcessor();
        assertThat(module.index(APP)).exists();
        assertThat(tidemark(module.loader()).run().applied())
                .extracting(ChangeResult::changeId)
                .containsExactly("create-orders");
        return module;
    }

    // ---- Defects -------------------------------------------------------------------------------

    /**
     * javac compiles a class that a compiled source uses from the source path when its class file is
     * missing or older ("implicitly"), and runs no annotation processor on it: the processor never sees
     * that it is a change unit, but the class file is one javac generated, so the index of its package
     * (now every package of the compilation, the application's too) was written complete, listing it as a
     * plain class. The idle start then skips it.
     */
    @Test
    void aChangeUnitCompiledImplicitlyFromTheSourcePathRuns() {
        applied();
        CompiledModule next = module("next")
                .source(APP + ".Application", application("    static final Class<?> LATER = Later.class;\n"))
                .changeUnit(APP + ".Later", "later", "2")
                .compileWithSourcePath(true, APP + ".Application", CHANGES + ".CreateOrders");
        assertThat(next.classFile(APP + ".Later")).exists();
        assertThat(next.index(APP))
                .content()
                .contains("state\tstale", APP + ".Later is annotated @ChangeUnit but the processor did not examine it");

        RunReport report = tidemark(next.loader()).run();

        assertThat(report.applied())
                .as("a scan without the index finds and runs com.example.Later")
                .extracting(ChangeResult::changeId)
                .containsExactly("later");
    }

    /** The same for a Mongock change unit compiled implicitly: the index does not list Mongock's annotation. */
    @Test
    void aMongockChangeUnitCompiledImplicitlyFromTheSourcePathRuns() {
        applied();
        CompiledModule next = module("next")
                .source("io.mongock.api.annotations.ChangeUnit", """
                        package io.mongock.api.annotations;

                        @java.lang.annotation.Retention(java.lang.annotation.RetentionPolicy.RUNTIME)
                        @java.lang.annotation.Target(java.lang.annotation.ElementType.TYPE)
                        public @interface ChangeUnit {
                            String id();
                            String order();
                            String author() default "";
                            boolean failFast() default true;
                            boolean runAlways() default false;
                            String systemVersion() default "0";
                            boolean transactional() default true;
                        }
                        """)
                .source("io.mongock.api.annotations.Execution", """
                        package io.mongock.api.annotations;

                        @java.lang.annotation.Retention(java.lang.annotation.RetentionPolicy.RUNTIME)
                        @java.lang.annotation.Target(java.lang.annotation.ElementType.METHOD)
                        public @interface Execution {
                        }
                        """)
                .source(APP + ".MongockSeed", """
                        package com.example;

                        @io.mongock.api.annotations.ChangeUnit(id = "mongock-seed", order = "3", author = "ana")
                        public class MongockSeed {
                            @io.mongock.api.annotations.Execution
                            public void apply() {
                            }
                        }
                        """)
                .source(APP + ".Application", application("    static final Class<?> SEED = MongockSeed.class;\n"))
                .compileWithSourcePath(true, APP + ".Application", CHANGES + ".CreateOrders");
        assertThat(next.classFile(APP + ".MongockSeed")).exists();

        RunReport report = tidemark(next.loader()).run();

        assertThat(report.applied()).extracting(ChangeResult::changeId).containsExactly("mongock-seed");
    }

    /**
     * A local class annotated {@code @ChangeUnit}: the scan finds it and {@code build()} refuses it (it
     * cannot be instantiated). The processor does not see local classes, so the index of the package lists
     * its class file as a plain class, and with the index {@code build()} succeeds and ignores it.
     */
    @Test
    void aLocalClassAnnotatedChangeUnitFailsBuildAsWithoutTheIndex() {
        String local = application("""
                    static void migrations() {
                        @io.tidemark.api.ChangeUnit(id = "local", order = "5", author = "test")
                        class Local {
                            @io.tidemark.api.Execution
                            public void apply() {
                            }
                        }
                    }
                """);
        CompiledModule plain =
                module("plain").source(APP + ".Application", local).compileWithoutProcessor();
        assertThatThrownBy(() -> tidemark(plain.loader()))
                .as("without the index")
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("Local");

        CompiledModule indexed =
                module("indexed").source(APP + ".Application", local).compileWithProcessor();
        assertThatThrownBy(() -> tidemark(indexed.loader()))
                .as("with the index")
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("Local");
    }

    // ---- Attacks that held ---------------------------------------------------------------------

    /** A change unit added to the application's package (indexed with no change unit), compiled alone. */
    @Test
    void aChangeUnitAddedToThePackageIndexedWithoutChangeUnitsAndCompiledAloneRuns() {
        CompiledModule module = applied();
        module.changeUnit(APP + ".Later", "later", "2").recompile(true, APP + ".Later");
        assertThat(module.index(APP)).content().contains("state\tstale");
        assertThat(tidemark(module.loader()).run().applied())
                .extracting(ChangeResult::changeId)
                .containsExactly("later");
    }

    @Test
    void aChangeUnitAddedToThePackageIndexedWithoutChangeUnitsAndCompiledWithoutTheProcessorRuns() {
        CompiledModule module = applied();
        module.changeUnit(APP + ".Later", "later", "2").recompile(false, APP + ".Later");
        assertThat(tidemark(module.loader()).run().applied())
                .extracting(ChangeResult::changeId)
                .containsExactly("later");
    }

    /** A change unit in a new package compiled alone with the processor: its index joins the others. */
    @Test
    void aChangeUnitInANewPackageCompiledAloneRunsAndIsThenKnownFromTheIndexes() {
        CompiledModule module = applied();
        module.changeUnit(APP + ".billing.AddInvoices", "add-invoices", "3")
                .recompile(true, APP + ".billing.AddInvoices");
        assertThat(module.index(APP + ".billing")).content().contains("state\tcomplete");
        assertThat(tidemark(module.loader()).run().applied())
                .extracting(ChangeResult::changeId)
                .containsExactly("add-invoices");

        RecordingLoader loader = module.loader();
        RunReport idle = tidemark(loader).run();
        assertThat(idle.nothingToDo()).isTrue();
        assertThat(idle.changes()).extracting(ChangeResult::changeId).containsExactly("create-orders", "add-invoices");
        assertThat(loader.loaded()).isEmpty();
    }

    /**
     * The application class edited and a helper added, recompiled alone: the compilation has no
     * {@code @ChangeUnit}, so the processor does not run and leaves the old indexes, which no longer match.
     */
    @Test
    void anApplicationClassRecompiledInACompilationWithoutChangeUnitsIsNotTrustedFromTheOldIndex() {
        CompiledModule module = applied();
        module.source(APP + ".Application", application("    static final int VERSION = 2;\n"))
                .source(APP + ".Helper", "package com.example;\n\nclass Helper {\n}\n")
                .recompile(true, APP + ".Application", APP + ".Helper");
        RecordingLoader loader = module.loader();
        try (CapturedLog log = CapturedLog.start()) {
            assertThat(tidemark(loader).run().nothingToDo()).isTrue();
            assertThat(log.linesContaining("Tidemark does not use the build-time index"))
                    .singleElement()
                    .asString()
                    .contains("class files added since it was written: Helper");
        }
        assertThat(loader.loaded()).isNotEmpty();
    }

    /**
     * The application's tests: test-classes holds {@code com.example} too, with a fixture change unit,
     * compiled with the processor (annotationProcessorPaths applies to test compilation as well): both
     * roots are indexed, and the fixture runs.
     */
    @Test
    void aPackageSplitBetweenMainAndTestOutputsWithIndexesInBothRunsBothChangeUnits() throws IOException {
        CompiledModule main = applied();
        CompiledModule test = CompiledModule.in(directory.resolve("test"))
                .source(APP + ".ApplicationTest", "package com.example;\n\nclass ApplicationTest {\n}\n")
                .changeUnit(APP + ".fixtures.Fixture", "fixture", "9")
                .compileWithProcessor();
        assertThat(test.index(APP)).content().contains("state\tcomplete");
        try (URLClassLoader loader = new URLClassLoader(
                new URL[] {
                    test.classes().toUri().toURL(), main.classes().toUri().toURL()
                },
                getClass().getClassLoader())) {
            assertThat(tidemark(loader).run().applied())
                    .extracting(ChangeResult::changeId)
                    .containsExactly("fixture");
            RunReport idle = tidemark(loader).run();
            assertThat(idle.nothingToDo()).isTrue();
            assertThat(idle.changes()).extracting(ChangeResult::changeId).containsExactly("create-orders", "fixture");
        }
    }

    /** Two jars sharing {@code com.example}, each indexed by its own compilation: both change units run. */
    @Test
    void aPackageSplitBetweenTwoIndexedJarsRunsBothChangeUnits() throws IOException {
        CompiledModule main = applied();
        Path mainJar = main.jar(directory.resolve("main.jar"));
        CompiledModule other = CompiledModule.in(directory.resolve("other"))
                .source(APP + ".Shared", "package com.example;\n\npublic class Shared {\n}\n")
                .changeUnit(APP + ".OtherChange", "other-change", "4")
                .compileWithProcessor();
        Path otherJar = other.jar(directory.resolve("other.jar"));
        try (URLClassLoader loader = new URLClassLoader(
                new URL[] {mainJar.toUri().toURL(), otherJar.toUri().toURL()},
                getClass().getClassLoader())) {
            assertThat(tidemark(loader).run().applied())
                    .extracting(ChangeResult::changeId)
                    .containsExactly("other-change");
        }
    }

    /** A package-info with a run-time annotation in the application's package keeps the index usable. */
    @Test
    void anAnnotatedPackageInfoKeepsTheIndexInUse() {
        CompiledModule module = module("module")
                .source(APP + ".Marker", """
                        package com.example;

                        @java.lang.annotation.Retention(java.lang.annotation.RetentionPolicy.RUNTIME)
                        @java.lang.annotation.Target(java.lang.annotation.ElementType.PACKAGE)
                        public @interface Marker {
                        }
                        """)
                .source(APP + ".package-info", "@Marker\npackage com.example;\n")
                .compileWithProcessor();
        assertThat(module.classFile(APP + ".package-info")).exists();
        assertThat(module.index(APP)).content().contains("state\tcomplete", "package-info");
        tidemark(module.loader()).run();

        RecordingLoader loader = module.loader();
        assertThat(tidemark(loader).run().nothingToDo()).isTrue();
        assertThat(loader.loaded()).isEmpty();
    }

    /**
     * Application code compiled into extra class files (a switch over another class's enum makes javac
     * write a synthetic {@code Application$1}, an anonymous class, a nested enum): the index stays usable.
     */
    @Test
    void syntheticAndNestedClassFilesOfTheApplicationKeepTheIndexInUse() {
        CompiledModule module = module("module")
                .source(APP + ".Colour", "package com.example;\n\npublic enum Colour { RED, GREEN }\n")
                .source(APP + ".Application", application("""
                            enum Mode { A, B }

                            static int of(Colour colour) {
                                switch (colour) {
                                    case RED: return 1;
                                    default: return new Object() { int two() { return 2; } }.two();
                                }
                            }
                        """))
                .compileWithProcessor();
        assertThat(module.classFile(APP + ".Application$1")).exists();
        assertThat(module.index(APP)).content().contains("state\tcomplete", "Application$1\t");
        tidemark(module.loader()).run();

        RecordingLoader loader = module.loader();
        assertThat(tidemark(loader).run().nothingToDo()).isTrue();
        assertThat(loader.loaded()).isEmpty();
    }

    /**
     * Scanning a package above the change units that holds no class of its own ({@code com.example} when
     * the application class is in {@code com.example.app}): it has no index, so the start scans. The
     * README's "or any package above it" holds only for packages that hold classes of the module.
     */
    @Test
    void aScannedPackageWithoutClassesOfItsOwnHasNoIndexAndIsScanned() {
        CompiledModule module = CompiledModule.in(directory.resolve("module"))
                .source(APP + ".app.Application", "package com.example.app;\n\npublic class Application {\n}\n")
                .changeUnit(CHANGES + ".CreateOrders", "create-orders", "1")
                .compileWithProcessor();
        assertThat(module.index(APP)).doesNotExist();
        tidemark(module.loader()).run();

        RecordingLoader loader = module.loader();
        try (CapturedLog log = CapturedLog.start()) {
            assertThat(tidemark(loader).run().nothingToDo()).isTrue();
            assertThat(log.linesContaining("Tidemark does not use the build-time index"))
                    .singleElement()
                    .asString()
                    .contains(
                            "it scans [" + APP + "], which the indexes do not cover", "Scan [" + CHANGES + "] instead");
        }
        assertThat(loader.loaded()).isNotEmpty();
    }
}
