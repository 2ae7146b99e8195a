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
import java.net.JarURLConnection;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
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
 * Boot's repackaging moves {@code META-INF/} to the root of the fat jar (both its Maven and its Gradle
 * plugin); an index left in {@code BOOT-INF/classes/} with the classes is used too, and so is an
 * executable war's ({@code WEB-INF/classes/}, where the classes' {@code META-INF/} stays). Anything that
 * could make the index describe other classes than the loader serves makes Tidemark load the classes.
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
        /** Spring Boot's repackaging (Maven, and Gradle since Boot 2.x): {@code META-INF/} at the root. */
        MAVEN("BOOT-INF/classes/", true),
        /** {@code META-INF/} left in {@code BOOT-INF/classes/}, with the classes (older Gradle plugins). */
        GRADLE("BOOT-INF/classes/", false),
        /** An executable war: the classes' {@code META-INF/} stays in {@code WEB-INF/classes/}. */
        WAR("WEB-INF/classes/", false);

        final String classes;
        final boolean metaInfAtRoot;

        Layout(String classes, boolean metaInfAtRoot) {
            this.classes = classes;
            this.metaInfAtRoot = metaInfAtRoot;
        }
    }

    @Test
    void anIdleStartInAFatJarWithTheIndexAtItsRootLoadsNoChangeUnitClass() throws IOException {
        assertAnIdleStartLoadsNoClass(Layout.MAVEN);
    }

    @Test
    void anIdleStartInAFatJarWithTheIndexBesideTheClassesLoadsNoChangeUnitClass() throws IOException {
        assertAnIdleStartLoadsNoClass(Layout.GRADLE);
    }

    @Test
    void anIdleStartInAnExecutableWarLoadsNoChangeUnitClass() throws IOException {
        assertAnIdleStartLoadsNoClass(Layout.WAR);
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
            assertThat(log.linesContaining(QuickIndexCheckTest.BY_FINGERPRINT))
                    .as("counted and fingerprinted from the entries Boot's loader serves, not class file by class file")
                    .hasSize(1);
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

    /** Review: a fat jar whose path needs encoding in Boot's URLs (space, plus, '!', '%') still starts from its index. */
    @Test
    void anIdleStartFromAFatJarWhosePathNeedsEncodingLoadsNoChangeUnitClass() throws IOException {
        CompiledModule module = threeChanges("module").compileWithProcessor();
        Path odd = Files.createDirectories(directory.resolve("my apps+c!x%41"));
        Path fatJar = fatJar(module.classes(), Layout.MAVEN, odd.resolve("app.jar"));
        try (Launched first = Launched.from(fatJar, Layout.MAVEN)) {
            assertThat(tidemark(first.loader()).run().applied()).hasSize(3);
        }
        System.clearProperty(INITIALISED);
        try (CapturedLog log = CapturedLog.start();
                Launched second = Launched.from(fatJar, Layout.MAVEN)) {
            assertThat(tidemark(second.loader()).run().nothingToDo()).isTrue();
            assertThat(second.loader().loaded()).isEmpty();
            assertThat(log.linesContaining("build-time index")).isEmpty();
        }
    }

    /**
     * Review: the package split between {@code BOOT-INF/classes/} (indexed) and a library in
     * {@code BOOT-INF/lib/}, with or without an index of its own: the library's change unit runs.
     */
    @Test
    void aChangeUnitOfThePackageInANestedLibraryWithoutAnIndexRuns() throws IOException {
        assertTheLibrarysChangeUnitRuns(false);
    }

    @Test
    void aChangeUnitOfThePackageInANestedLibraryWithItsOwnIndexRuns() throws IOException {
        assertTheLibrarysChangeUnitRuns(true);
    }

    private void assertTheLibrarysChangeUnitRuns(boolean libraryIndexed) throws IOException {
        CompiledModule app = threeChanges("app").compileWithProcessor();
        Path fatJar = fatJar(app.classes(), Layout.MAVEN, directory.resolve("app.jar"));
        try (Launched first = Launched.from(fatJar, Layout.MAVEN)) {
            assertThat(tidemark(first.loader()).run().applied()).hasSize(3);
        }
        CompiledModule library = CompiledModule.in(directory.resolve("library"))
                .changeUnit(PACKAGE + ".LibraryChange", "library-change", "30");
        library = libraryIndexed ? library.compileWithProcessor() : library.compileWithoutProcessor();
        Path withLibrary = withStoredEntry(
                fatJar,
                directory.resolve("app-with-library.jar"),
                "BOOT-INF/lib/library.jar",
                library.jar(directory.resolve("library.jar")));
        try (Launched second = Launched.from(withLibrary, Layout.MAVEN, "BOOT-INF/lib/library.jar")) {
            assertThat(tidemark(second.loader()).run().changes())
                    .filteredOn(change -> change.outcome() == ChangeOutcome.APPLIED)
                    .extracting(ChangeResult::changeId)
                    .containsExactly("library-change");
        }
    }

    /**
     * Review: a class file twice in {@code BOOT-INF/classes/} (a build that includes duplicates), the indexed
     * one last. Boot's loader serves one of the two, the one a scan loads; the index must not vouch for the
     * package when the class the loader serves is not the one it describes.
     */
    @Test
    void aClassFileTwiceUnderTheClassesIsNotVouchedForByTheIndex() throws IOException {
        CompiledModule indexed = threeChanges("indexed").compileWithProcessor();
        try (Launched first =
                Launched.from(fatJar(indexed.classes(), Layout.MAVEN, directory.resolve("app-v1.jar")), Layout.MAVEN)) {
            assertThat(tidemark(first.loader()).run().applied()).hasSize(3);
        }
        CompiledModule reworked = CompiledModule.in(directory.resolve("reworked"))
                .changeUnit(PACKAGE + ".CreateOrders", "create-orders-reworked", "5")
                .compileWithoutProcessor();
        String classes = "BOOT-INF/classes/";
        String packagePath = PACKAGE.replace('.', '/') + "/";
        String placeholder = classes + packagePath + "CreateOrderZ.class";
        Map<String, Path> entries = new LinkedHashMap<>();
        directories(entries, "META-INF/tidemark/index/");
        entries.put("META-INF/tidemark/index/" + PACKAGE + ".idx", indexed.index(PACKAGE));
        directories(entries, classes + packagePath);
        entries.put(placeholder, reworked.classFile(PACKAGE + ".CreateOrders"));
        for (String name : List.of("CreateOrders", "SeedOrders", "AddIndex")) {
            entries.put(classes + packagePath + name + ".class", indexed.classFile(PACKAGE + "." + name));
        }
        Path twice = crafted(directory.resolve("app-v2.jar"), entries);
        renameEntry(twice, placeholder, classes + packagePath + "CreateOrders.class");

        try (Launched second = Launched.from(twice, Layout.MAVEN)) {
            byte[] served;
            try (var in = second.loader().getResourceAsStream(packagePath + "CreateOrders.class")) {
                served = in.readAllBytes();
            }
            boolean servesTheReworked =
                    java.util.Arrays.equals(served, Files.readAllBytes(reworked.classFile(PACKAGE + ".CreateOrders")));
            RunReport report = tidemark(second.loader()).run();
            if (servesTheReworked) {
                assertThat(report.changes())
                        .filteredOn(change -> change.outcome() == ChangeOutcome.APPLIED)
                        .extracting(ChangeResult::changeId)
                        .as("the change unit Boot's loader serves, which a scan finds")
                        .containsExactly("create-orders-reworked");
            } else {
                assertThat(report.nothingToDo())
                        .as("Boot serves the indexed copy")
                        .isTrue();
            }
        }
    }

    /** Renames entry {@code from} to {@code to} (the same length) in place, in its local and central headers. */
    private static void renameEntry(Path jar, String from, String to) throws IOException {
        byte[] bytes = Files.readAllBytes(jar);
        byte[] a = from.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] b = to.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(a.length).isEqualTo(b.length);
        int replaced = 0;
        for (int i = 0; i <= bytes.length - a.length; i++) {
            if (java.util.Arrays.equals(bytes, i, i + a.length, a, 0, a.length)) {
                System.arraycopy(b, 0, bytes, i, b.length);
                replaced++;
            }
        }
        assertThat(replaced).as("local and central header").isEqualTo(2);
        Files.write(jar, bytes);
    }

    /**
     * Review: a change unit of the package at the root of the fat jar, which {@code java -jar}'s application
     * class loader (the launcher's parent) serves, beside the indexed ones in {@code BOOT-INF/classes/} and
     * the root index Maven's repackaging leaves there.
     */
    @Test
    void aChangeUnitOfThePackageAtTheRootOfTheFatJarRuns() throws IOException {
        CompiledModule app = threeChanges("app").compileWithProcessor();
        Path fatJar = fatJar(app.classes(), Layout.MAVEN, directory.resolve("app.jar"));
        try (Launched first = Launched.from(fatJar, Layout.MAVEN)) {
            assertThat(tidemark(first.loader()).run().applied()).hasSize(3);
        }
        CompiledModule atRoot = CompiledModule.in(directory.resolve("root"))
                .changeUnit(PACKAGE + ".RootChange", "root-change", "40")
                .compileWithoutProcessor();
        String packagePath = PACKAGE.replace('.', '/') + "/";
        Map<String, Path> entries = new LinkedHashMap<>();
        try (JarFile source = new JarFile(fatJar.toFile())) {
            for (JarEntry entry : source.stream().toList()) {
                Path file = null;
                if (!entry.isDirectory()) {
                    file = Files.createTempFile(directory, "entry", ".bin");
                    try (var in = source.getInputStream(entry)) {
                        Files.write(file, in.readAllBytes());
                    }
                }
                entries.put(entry.getName(), file);
            }
        }
        directories(entries, packagePath);
        entries.put(packagePath + "RootChange.class", atRoot.classFile(PACKAGE + ".RootChange"));
        Path withRootClass = crafted(directory.resolve("app-root-class.jar"), entries);

        try (Launched second = Launched.from(withRootClass, Layout.MAVEN)) {
            assertThat(tidemark(second.loader()).run().changes())
                    .filteredOn(change -> change.outcome() == ChangeOutcome.APPLIED)
                    .extracting(ChangeResult::changeId)
                    .containsExactly("root-change");
        }
    }

    /** A copy of {@code jar} with {@code file} added, stored (Boot opens only stored nested jars). */
    private static Path withStoredEntry(Path jar, Path copy, String name, Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        try (JarFile source = new JarFile(jar.toFile());
                OutputStream out = Files.newOutputStream(copy);
                JarOutputStream jarOut = new JarOutputStream(out)) {
            for (JarEntry entry : source.stream().toList()) {
                jarOut.putNextEntry(new JarEntry(entry.getName()));
                try (var in = source.getInputStream(entry)) {
                    in.transferTo(jarOut);
                }
                jarOut.closeEntry();
            }
            jarOut.putNextEntry(new JarEntry(name.substring(0, name.lastIndexOf('/') + 1)));
            jarOut.closeEntry();
            JarEntry stored = new JarEntry(name);
            stored.setMethod(JarEntry.STORED);
            stored.setSize(bytes.length);
            stored.setCompressedSize(bytes.length);
            java.util.zip.CRC32 crc = new java.util.zip.CRC32();
            crc.update(bytes);
            stored.setCrc(crc.getValue());
            jarOut.putNextEntry(stored);
            jarOut.write(bytes);
            jarOut.closeEntry();
        }
        return copy;
    }

    /**
     * Review: the index of the package in two places of one fat jar, half of the package's classes each
     * (Maven's place, the root, from a first build; Gradle's, under {@code BOOT-INF/classes/}, describing a
     * change unit added since). Their heads add up to the class files, but only one index can be used:
     * the start must not take the one at the root for the whole package and skip the other's change unit.
     */
    @Test
    void anIndexAtTheRootAndAnotherUnderTheClassesAreNotAddedUp() throws IOException {
        CompiledModule two = CompiledModule.in(directory.resolve("two"))
                .changeUnit(PACKAGE + ".CreateOrders", "create-orders", "1")
                .changeUnit(PACKAGE + ".SeedOrders", "seed-orders", "2")
                .compileWithProcessor();
        try (Launched first =
                Launched.from(fatJar(two.classes(), Layout.MAVEN, directory.resolve("app-v1.jar")), Layout.MAVEN)) {
            assertThat(tidemark(first.loader()).run().applied()).hasSize(2);
        }
        CompiledModule added = CompiledModule.in(directory.resolve("added"))
                .changeUnit(PACKAGE + ".AddCustomers", "add-customers", "20")
                .compileWithProcessor();
        String classes = "BOOT-INF/classes/";
        String packagePath = PACKAGE.replace('.', '/') + "/";
        Map<String, Path> entries = new LinkedHashMap<>();
        entries.put("META-INF/", null);
        entries.put("META-INF/tidemark/", null);
        entries.put("META-INF/tidemark/index/", null);
        entries.put("META-INF/tidemark/index/" + PACKAGE + ".idx", two.index(PACKAGE));
        directories(entries, classes + packagePath);
        entries.put(classes + packagePath + "CreateOrders.class", two.classFile(PACKAGE + ".CreateOrders"));
        entries.put(classes + packagePath + "SeedOrders.class", two.classFile(PACKAGE + ".SeedOrders"));
        entries.put(classes + packagePath + "AddCustomers.class", added.classFile(PACKAGE + ".AddCustomers"));
        directories(entries, classes + "META-INF/tidemark/index/");
        entries.put(classes + "META-INF/tidemark/index/" + PACKAGE + ".idx", added.index(PACKAGE));
        Path both = crafted(directory.resolve("app-v2.jar"), entries);

        try (CapturedLog log = CapturedLog.start();
                Launched second = Launched.from(both, Layout.MAVEN)) {
            RunReport report = tidemark(second.loader()).run();
            assertThat(report.changes())
                    .filteredOn(change -> change.outcome() == ChangeOutcome.APPLIED)
                    .extracting(ChangeResult::changeId)
                    .as("the change unit a scan finds in BOOT-INF/classes/")
                    .containsExactly("add-customers");
            assertThat(log.linesContaining("Tidemark does not use the build-time index"))
                    .singleElement()
                    .asString()
                    .contains("has two indexes in", "at the root of the jar file and beside its classes");
        }
    }

    /**
     * Review: the fat jar replaced on disk (a deployment moving a new file into place) after the launcher
     * opened it. Boot's class loader keeps serving the jar it opened, and a scan lists and loads those
     * classes; the index must not be checked against another file than the one the classes come from.
     */
    @Test
    void aFatJarReplacedOnDiskAfterTheLauncherOpenedItDoesNotHideItsChangeUnits() throws IOException {
        CompiledModule two = CompiledModule.in(directory.resolve("two"))
                .changeUnit(PACKAGE + ".CreateOrders", "create-orders", "1")
                .changeUnit(PACKAGE + ".SeedOrders", "seed-orders", "2")
                .compileWithProcessor();
        Path older = fatJar(two.classes(), Layout.MAVEN, directory.resolve("app-older.jar"));
        Path app = directory.resolve("app.jar");
        try (Launched first = Launched.from(older, Layout.MAVEN)) {
            assertThat(tidemark(first.loader()).run().applied()).hasSize(2);
        }
        Files.copy(older, directory.resolve("app-older-copy.jar"));
        CompiledModule three = threeChanges("three").compileWithProcessor();
        fatJar(three.classes(), Layout.MAVEN, directory.resolve("app-newer.jar"));
        Files.move(directory.resolve("app-newer.jar"), app, StandardCopyOption.REPLACE_EXISTING);

        try (Launched running = Launched.from(app, Layout.MAVEN)) {
            // The launcher has the jar open from its start (its main class came from it).
            assertThat(running.loader().getResource(PACKAGE.replace('.', '/') + "/AddIndex.class"))
                    .isNotNull();
            Files.move(
                    directory.resolve("app-older-copy.jar"),
                    app,
                    StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
            assertThat(running.loader().getResource(PACKAGE.replace('.', '/') + "/AddIndex.class"))
                    .as("Boot's loader still serves the jar it opened")
                    .isNotNull();
            assertThat(listedAsTheScannerLists(running.loader()))
                    .as("what a scan lists (and then loads) in BOOT-INF/classes/")
                    .contains(PACKAGE.replace('.', '/') + "/AddIndex.class");

            RunReport report = tidemark(running.loader()).run();
            assertThat(report.changes())
                    .filteredOn(change -> change.outcome() == ChangeOutcome.APPLIED)
                    .extracting(ChangeResult::changeId)
                    .containsExactly("add-index");
        }
    }

    /** The class files of the package's root in Boot's loader, listed as Tidemark's scanner lists them. */
    private static List<String> listedAsTheScannerLists(ClassLoader loader) throws IOException {
        URL root = loader.getResources(PACKAGE.replace('.', '/')).nextElement();
        JarURLConnection connection = (JarURLConnection) root.openConnection();
        connection.setUseCaches(false);
        try (JarFile jar = connection.getJarFile()) {
            return jar.stream()
                    .map(JarEntry::getName)
                    .filter(name -> name.endsWith(".class"))
                    .toList();
        }
    }

    /** Adds the directory entries of {@code path} (ending in {@code /}) and of its parents. */
    private static void directories(Map<String, Path> entries, String path) {
        for (int slash = path.indexOf('/'); slash >= 0; slash = path.indexOf('/', slash + 1)) {
            entries.putIfAbsent(path.substring(0, slash + 1), null);
        }
    }

    /** A jar of exactly {@code entries}, in order: a directory entry when the file is null. */
    private static Path crafted(Path jar, Map<String, Path> entries) throws IOException {
        try (OutputStream out = Files.newOutputStream(jar);
                JarOutputStream jarOut = new JarOutputStream(out)) {
            for (Map.Entry<String, Path> entry : entries.entrySet()) {
                jarOut.putNextEntry(new JarEntry(entry.getKey()));
                if (entry.getValue() != null) {
                    jarOut.write(Files.readAllBytes(entry.getValue()));
                }
                jarOut.closeEntry();
            }
        }
        return jar;
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

        static Launched from(Path fatJar, Layout layout, String... libraries) throws IOException {
            URLClassLoader application =
                    new URLClassLoader(new URL[] {fatJar.toUri().toURL()}, SpringBootFatJarTest.class.getClassLoader());
            List<URL> urls = new ArrayList<>();
            urls.add(JarUrl.create(fatJar.toFile(), layout.classes));
            for (String library : libraries) {
                urls.add(JarUrl.create(fatJar.toFile(), library));
            }
            return new Launched(application, new RecordingLaunchedLoader(urls.toArray(URL[]::new), application));
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
