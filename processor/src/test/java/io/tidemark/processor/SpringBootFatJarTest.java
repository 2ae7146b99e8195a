package io.tidemark.processor;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.core.ChangeOutcome;
import io.tidemark.core.ChangeResult;
import io.tidemark.core.RunReport;
import io.tidemark.core.Tidemark;
import io.tidemark.core.memory.InMemoryAuditStore;
import io.tidemark.processor.testing.CapturedLog;
import io.tidemark.processor.testing.CompiledModule;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.loader.launch.LaunchedClassLoader;
import org.springframework.boot.loader.net.protocol.Handlers;
import org.springframework.boot.loader.net.protocol.jar.JarUrl;

/**
 * The index inside a Spring Boot executable jar, read through Boot's own launcher class loader as
 * {@code java -jar} sets it up: the fat jar on the class path of the application class loader, and
 * {@code BOOT-INF/classes/} served by Boot's {@link LaunchedClassLoader} under {@code jar:nested:} URLs.
 * Boot's Maven plugin moves {@code META-INF/} to the root of the fat jar; its Gradle plugin keeps it in
 * {@code BOOT-INF/classes/}. Both are used, and so is an executable war's ({@code WEB-INF/classes/}); a
 * change unit added to the fat jar after the index was written makes Tidemark load the classes and run it.
 */
class SpringBootFatJarTest {

    private static final String PACKAGE = IndexedStartTest.PACKAGE;
    private static final String INITIALISED = "tidemark.test.boot.add-index.initialised";

    @TempDir
    Path directory;

    private final InMemoryAuditStore store = new InMemoryAuditStore(Clock.systemUTC());

    /** As Boot's launcher does before it creates its class loader (Maven runs this class in a JVM of its own). */
    @BeforeAll
    static void registerSpringBootUrlHandlers() {
        Handlers.register();
    }

    private CompiledModule threeChanges(String folder) {
        return CompiledModule.in(directory.resolve(folder))
                .changeUnit(PACKAGE + ".CreateOrders", "create-orders", "1")
                .changeUnit(PACKAGE + ".SeedOrders", "seed-orders", "2")
                .source(PACKAGE + ".AddIndex", """
                        package com.example.changes;

                        @io.tidemark.api.ChangeUnit(id = "add-index", order = "10")
                        public class AddIndex {
                            static {
                                System.setProperty("%s", "yes");
                            }

                            @io.tidemark.api.Execution
                            public void apply() {
                            }
                        }
                        """.formatted(INITIALISED));
    }

    /** Where the repackaging puts the classes, and the class output's {@code META-INF/}. */
    private enum Layout {
        /** Spring Boot's Maven plugin: {@code META-INF/} at the root of the fat jar. */
        MAVEN("BOOT-INF/classes/", true),
        /** Spring Boot's Gradle plugin: {@code META-INF/} in {@code BOOT-INF/classes/}, with the classes. */
        GRADLE("BOOT-INF/classes/", false),
        /** Spring Boot's Maven plugin packaging an executable war. */
        MAVEN_WAR("WEB-INF/classes/", true);

        final String classes;
        final boolean metaInfAtRoot;

        Layout(String classes, boolean metaInfAtRoot) {
            this.classes = classes;
            this.metaInfAtRoot = metaInfAtRoot;
        }
    }

    @Test
    void anIdleStartInAFatJarRepackagedByMavenLoadsNoChangeUnitClass() throws IOException {
        assertAnIdleStartLoadsNoClass(Layout.MAVEN);
    }

    @Test
    void anIdleStartInAFatJarRepackagedByGradleLoadsNoChangeUnitClass() throws IOException {
        assertAnIdleStartLoadsNoClass(Layout.GRADLE);
    }

    @Test
    void anIdleStartInAnExecutableWarLoadsNoChangeUnitClass() throws IOException {
        assertAnIdleStartLoadsNoClass(Layout.MAVEN_WAR);
    }

    private void assertAnIdleStartLoadsNoClass(Layout layout) throws IOException {
        CompiledModule module = threeChanges("module").compileWithProcessor();
        Path fatJar = fatJar(module.classes(), layout, directory.resolve("app.jar"));
        try (Launched first = Launched.from(fatJar, layout)) {
            assertThat(tidemark(first.loader()).run().applied()).hasSize(3);
        }
        System.clearProperty(INITIALISED);

        try (CapturedLog log = CapturedLog.start();
                Launched second = Launched.from(fatJar, layout)) {
            RunReport idle = tidemark(second.loader()).run();
            assertThat(idle.nothingToDo()).isTrue();
            assertThat(idle.changes())
                    .as("read from the rest of the index in the fat jar, when asked for")
                    .extracting(ChangeResult::changeId)
                    .containsExactly("create-orders", "seed-orders", "add-index");
            assertThat(second.loader().loaded())
                    .as("classes loaded from " + layout.classes)
                    .isEmpty();
            assertThat(System.getProperty(INITIALISED)).isNull();
            assertThat(log.linesContaining("build-time index")).isEmpty();
        }
    }

    /**
     * A change unit added to {@code BOOT-INF/classes/} after the index was written (the class output of a
     * build that did not run the processor again, repackaged): the index no longer matches, Tidemark says
     * so and loads the classes, and the new change unit runs.
     */
    @Test
    void aChangeUnitAddedToTheFatJarAfterTheIndexIsRun() throws IOException {
        CompiledModule indexed = threeChanges("indexed").compileWithProcessor();
        Path fatJar = fatJar(indexed.classes(), Layout.MAVEN, directory.resolve("app.jar"));
        try (Launched first = Launched.from(fatJar, Layout.MAVEN)) {
            tidemark(first.loader()).run();
        }
        CompiledModule later = threeChanges("later")
                .changeUnit(PACKAGE + ".AddCustomers", "add-customers", "20")
                .compileWithoutProcessor();
        Files.copy(
                later.classFile(PACKAGE + ".AddCustomers"),
                indexed.classes().resolve(PACKAGE.replace('.', '/') + "/AddCustomers.class"));
        Path stale = fatJar(indexed.classes(), Layout.MAVEN, directory.resolve("app-stale.jar"));

        try (CapturedLog log = CapturedLog.start();
                Launched second = Launched.from(stale, Layout.MAVEN)) {
            RunReport report = tidemark(second.loader()).run();
            assertThat(report.changes())
                    .filteredOn(change -> change.outcome() == ChangeOutcome.APPLIED)
                    .extracting(ChangeResult::changeId)
                    .containsExactly("add-customers");
            assertThat(log.linesContaining("Tidemark does not use the build-time index"))
                    .singleElement()
                    .asString()
                    .contains("INFO", "app-stale.jar!/BOOT-INF/classes/", "is stale", "AddCustomers");
        }
    }

    private Tidemark tidemark(ClassLoader loader) {
        return Tidemark.builder()
                .auditStore(store)
                .classLoader(loader)
                .scanPackage(PACKAGE)
                .build();
    }

    /** Packs {@code classes} as Spring Boot's repackaging lays out an executable jar's own classes. */
    private static Path fatJar(Path classes, Layout layout, Path jar) throws IOException {
        try (OutputStream out = Files.newOutputStream(jar);
                JarOutputStream jarOut = new JarOutputStream(out);
                Stream<Path> paths = Files.walk(classes)) {
            jarOut.putNextEntry(new JarEntry(layout.classes.substring(0, layout.classes.indexOf('/') + 1)));
            jarOut.putNextEntry(new JarEntry(layout.classes));
            for (Path path : paths.sorted().toList()) {
                String name = classes.relativize(path).toString().replace(java.io.File.separatorChar, '/');
                if (name.isEmpty()) {
                    continue;
                }
                boolean atRoot = layout.metaInfAtRoot && (name.equals("META-INF") || name.startsWith("META-INF/"));
                String entry = (atRoot ? "" : layout.classes) + name;
                if (Files.isDirectory(path)) {
                    jarOut.putNextEntry(new JarEntry(entry + "/"));
                } else {
                    jarOut.putNextEntry(new JarEntry(entry));
                    jarOut.write(Files.readAllBytes(path));
                }
                jarOut.closeEntry();
            }
        }
        return jar;
    }

    /**
     * The class loaders of {@code java -jar app.jar}: the fat jar on the application class path, and
     * Boot's launcher over {@code BOOT-INF/classes/}, recording the classes it defines.
     */
    private record Launched(URLClassLoader application, RecordingLaunchedLoader loader) implements AutoCloseable {

        static Launched from(Path fatJar, Layout layout) throws IOException {
            URLClassLoader application =
                    new URLClassLoader(new URL[] {fatJar.toUri().toURL()}, SpringBootFatJarTest.class.getClassLoader());
            URL classes = JarUrl.create(fatJar.toFile(), layout.classes);
            return new Launched(application, new RecordingLaunchedLoader(new URL[] {classes}, application));
        }

        @Override
        public void close() throws IOException {
            loader.close();
            application.close();
        }
    }

    /** Boot's launcher class loader, recording every class it defines itself. */
    private static final class RecordingLaunchedLoader extends LaunchedClassLoader {
        private final List<String> loaded = new ArrayList<>();

        RecordingLaunchedLoader(URL[] urls, ClassLoader parent) {
            super(false, urls, parent);
        }

        @Override
        protected Class<?> findClass(String name) throws ClassNotFoundException {
            Class<?> found = super.findClass(name);
            synchronized (loaded) {
                loaded.add(name);
            }
            return found;
        }

        List<String> loaded() {
            synchronized (loaded) {
                return List.copyOf(loaded);
            }
        }
    }
}
