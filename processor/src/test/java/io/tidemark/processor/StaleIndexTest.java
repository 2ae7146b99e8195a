package io.tidemark.processor;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.core.ChangeResult;
import io.tidemark.core.RunReport;
import io.tidemark.core.Tidemark;
import io.tidemark.core.memory.InMemoryAuditStore;
import io.tidemark.processor.testing.CapturedLog;
import io.tidemark.processor.testing.CompiledModule;
import io.tidemark.processor.testing.RecordingLoader;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Collections;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A stale, partial or foreign index never makes Tidemark skip a change: each case is caught by a
 * check that loads no class, logged at INFO with the reason, and the classes are scanned instead.
 * Every case starts from a chain on which the indexed change set was applied, so that trusting the
 * index would wrongly find nothing to do.
 */
class StaleIndexTest {

    static final String PACKAGE = "com.example.changes";
    static final String NOT_USED = "Tidemark does not use the build-time index";

    @TempDir
    Path directory;

    private final InMemoryAuditStore store = new InMemoryAuditStore(Clock.systemUTC());
    private CompiledModule module;

    @BeforeEach
    void applyAnIndexedChangeSet() {
        module = CompiledModule.in(directory.resolve("module"))
                .changeUnit(PACKAGE + ".CreateOrders", "create-orders", "1")
                .changeUnit(PACKAGE + ".SeedOrders", "seed-orders", "2")
                .compileWithProcessor();
        assertThat(tidemark(module.loader()).run().applied()).hasSize(2);
    }

    private Tidemark tidemark(ClassLoader loader) {
        return Tidemark.builder()
                .auditStore(store)
                .classLoader(loader)
                .scanPackage(PACKAGE)
                .build();
    }

    /** Builds and runs over a fresh loader; checks the index was refused for {@code reason} and the classes scanned. */
    private RunReport startRefusingTheIndex(String reason) {
        RecordingLoader loader = module.loader();
        try (CapturedLog log = CapturedLog.start()) {
            Tidemark tidemark = tidemark(loader);
            assertThat(log.linesContaining(NOT_USED)).singleElement().asString().contains("INFO", reason);
            assertThat(loader.loaded()).as("classes scanned by build()").isNotEmpty();
            return tidemark.run();
        }
    }

    @Test
    void aChangeUnitAddedAfterTheIndexWasWrittenRuns() {
        module.changeUnit(PACKAGE + ".AddIndex", "add-index", "3").recompile(false, PACKAGE + ".AddIndex");

        RunReport report = startRefusingTheIndex("class files added since it was written: AddIndex");

        assertThat(report.applied()).extracting(ChangeResult::changeId).containsExactly("add-index");
    }

    @Test
    void aRemovedChangeUnitIsNoticed() throws IOException {
        Files.delete(module.classFile(PACKAGE + ".SeedOrders"));

        RunReport report = startRefusingTheIndex("class files it lists are gone: SeedOrders");

        assertThat(report.nothingToDo()).isTrue();
        assertThat(report.changes()).extracting(ChangeResult::changeId).containsExactly("create-orders");
    }

    @Test
    void anIdEditedAndRecompiledWithoutTheProcessorRuns() {
        module.changeUnit(PACKAGE + ".SeedOrders", "seed-orders-v2", "2").recompile(false, PACKAGE + ".SeedOrders");

        RunReport report = startRefusingTheIndex("class file SeedOrders.class changed since it was written");

        assertThat(report.applied()).extracting(ChangeResult::changeId).containsExactly("seed-orders-v2");
    }

    @Test
    void anOrderEditedWithoutChangingTheClassFileSizeIsNoticed() throws IOException {
        long before = Files.size(module.classFile(PACKAGE + ".SeedOrders"));
        module.changeUnit(PACKAGE + ".SeedOrders", "seed-orders", "3").recompile(false, PACKAGE + ".SeedOrders");
        assertThat(Files.size(module.classFile(PACKAGE + ".SeedOrders")))
                .as("same size")
                .isEqualTo(before);

        RunReport report = startRefusingTheIndex("class file SeedOrders.class changed since it was written");

        assertThat(report.changes())
                .extracting(ChangeResult::changeId, ChangeResult::order)
                .contains(org.assertj.core.groups.Tuple.tuple("seed-orders", "3"));
    }

    @Test
    void anEditedChangeUnitInAJarIsNoticedByItsCrc() throws IOException {
        Path jar = module.jar(directory.resolve("before.jar"));
        module.changeUnit(PACKAGE + ".SeedOrders", "seed-orders-v2", "2").recompile(false, PACKAGE + ".SeedOrders");
        Path edited = module.jar(directory.resolve("edited.jar"));
        assertThat(jar).isNotEqualTo(edited);

        RecordingLoader loader = RecordingLoader.over(edited);
        try (CapturedLog log = CapturedLog.start()) {
            RunReport report = tidemark(loader).run();
            assertThat(log.linesContaining(NOT_USED))
                    .singleElement()
                    .asString()
                    .contains("edited.jar", "SeedOrders.class changed");
            assertThat(report.applied()).extracting(ChangeResult::changeId).containsExactly("seed-orders-v2");
        }
    }

    /**
     * A multi-release jar holding a version of a change unit for another Java version: the class loader
     * may load that one, which no index describes, so the index is not used.
     */
    @Test
    void aMultiReleaseJarWithAnotherVersionOfAChangeUnitIsNotUsed() throws IOException {
        Path jar = module.jar(directory.resolve("before.jar"));
        String seed = PACKAGE.replace('.', '/') + "/SeedOrders.class";
        Path multiRelease = directory.resolve("multi-release.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(multiRelease));
                JarFile original = new JarFile(jar.toFile())) {
            for (JarEntry entry : Collections.list(original.entries())) {
                out.putNextEntry(new JarEntry(entry.getName()));
                out.write(original.getInputStream(entry).readAllBytes());
                out.closeEntry();
            }
            out.putNextEntry(new JarEntry("META-INF/versions/17/" + seed));
            out.write(original.getInputStream(original.getJarEntry(seed)).readAllBytes());
            out.closeEntry();
        }

        RecordingLoader loader = RecordingLoader.over(multiRelease);
        try (CapturedLog log = CapturedLog.start()) {
            assertThat(tidemark(loader).run().nothingToDo()).isTrue();
            assertThat(log.linesContaining(NOT_USED))
                    .singleElement()
                    .asString()
                    .contains("multi-release jar holds META-INF/versions/17/" + seed);
        }
        assertThat(loader.loaded()).contains(PACKAGE + ".SeedOrders");
    }

    @Test
    void anIndexCopiedFromAnotherModuleIsRefused() throws IOException {
        CompiledModule other = CompiledModule.in(directory.resolve("other"))
                .changeUnit(PACKAGE + ".Unrelated", "unrelated", "1")
                .compileWithoutProcessor();
        Files.createDirectories(other.index(PACKAGE).getParent());
        Files.copy(module.index(PACKAGE), other.index(PACKAGE));
        module = other;

        RunReport report = startRefusingTheIndex("class files added since it was written: Unrelated; class files it "
                + "lists are gone: CreateOrders, SeedOrders");

        assertThat(report.applied()).extracting(ChangeResult::changeId).containsExactly("unrelated");
    }

    /**
     * A second root that is a directory inside a jar file (a web-app class loader over a war it did not
     * unpack: {@code jar:file:/srv/app.war!/WEB-INF/classes/}) holding another change unit of the package:
     * the jar's central directory names it {@code WEB-INF/classes/com/...}, which the index check does not
     * read, so the classes are scanned, and that change unit runs.
     */
    @Test
    void aChangeUnitInADirectoryInsideAJarBesideTheIndexedClassesRuns() throws IOException {
        Path war = CompiledModule.in(directory.resolve("web-app"))
                .changeUnit(PACKAGE + ".ShipOrders", "ship-orders", "3")
                .compileWithProcessor()
                .war(directory.resolve("app.war"));

        try (CapturedLog log = CapturedLog.start();
                URLClassLoader loader = new URLClassLoader(
                        new URL[] {
                            module.classes().toUri().toURL(), new URL("jar:" + war.toUri() + "!/WEB-INF/classes/")
                        },
                        StaleIndexTest.class.getClassLoader())) {
            RunReport report = tidemark(loader).run();

            assertThat(report.applied()).extracting(ChangeResult::changeId).containsExactly("ship-orders");
            assertThat(log.linesContaining(NOT_USED)).isEmpty();
        }
    }

    @Test
    void anIndexOfAnotherPackageIsRefused() throws IOException {
        Path renamed = module.index(PACKAGE + ".copy");
        Files.copy(module.index(PACKAGE), renamed);
        module.changeUnit(PACKAGE + ".copy.Moved", "moved", "5").recompile(false, PACKAGE + ".copy.Moved");

        RunReport report = startRefusingTheIndex("describes package " + PACKAGE + ", not " + PACKAGE + ".copy");

        assertThat(report.applied()).extracting(ChangeResult::changeId).containsExactly("moved");
    }

    @Test
    void anIncrementalCompilationWithTheProcessorWritesAStaleIndex() throws IOException {
        module.changeUnit(PACKAGE + ".SeedOrders", "seed-orders-v2", "2").recompile(true, PACKAGE + ".SeedOrders");
        assertThat(Files.readString(module.index(PACKAGE)))
                .contains("state\tstale\tthis compilation did not compile "
                        + "every class of the package (class files of [CreateOrders] are from an earlier one");

        RunReport report = startRefusingTheIndex("the processor marked it stale");

        assertThat(report.applied()).extracting(ChangeResult::changeId).containsExactly("seed-orders-v2");
    }

    @Test
    void anIndexEditedInItsHeadIsRefused() throws IOException {
        String text = Files.readString(module.index(PACKAGE), StandardCharsets.UTF_8);
        int digest = text.indexOf("\ndigest\t") + "\ndigest\t".length();
        char edited = text.charAt(digest) == '0' ? '1' : '0';
        Files.writeString(
                module.index(PACKAGE),
                text.substring(0, digest) + edited + text.substring(digest + 1),
                StandardCharsets.UTF_8);

        RunReport report = startRefusingTheIndex("changed after the processor wrote it");

        assertThat(report.nothingToDo()).isTrue();
    }

    /**
     * An idle start reads only the head of the index and decides from it alone, so an edit after the head
     * cannot change its decision; the rest is checked when it is read, and then refused.
     */
    @Test
    void anIndexEditedAfterItsHeadIsRefusedWhenThoseLinesAreRead() throws IOException {
        String text = Files.readString(module.index(PACKAGE), StandardCharsets.UTF_8);
        Files.writeString(module.index(PACKAGE), text.replace("seed-orders", "seed-ordery"), StandardCharsets.UTF_8);
        RecordingLoader loader = module.loader();
        try (CapturedLog log = CapturedLog.start()) {
            RunReport report = tidemark(loader).run();
            assertThat(report.nothingToDo()).isTrue();
            assertThat(loader.loaded()).as("classes loaded by the idle start").isEmpty();

            assertThat(report.changes())
                    .as("the ids the classes hold, not the edited ones")
                    .extracting(ChangeResult::changeId)
                    .containsExactly("create-orders", "seed-orders");
            assertThat(log.linesContaining("changed after the processor wrote it"))
                    .singleElement()
                    .asString()
                    .contains("WARN", "loads the change-unit classes instead");
        }
        assertThat(loader.loaded()).contains(PACKAGE + ".CreateOrders", PACKAGE + ".SeedOrders");
    }

    @Test
    void aCutIndexIsRefused() throws IOException {
        List<String> lines = Files.readAllLines(module.index(PACKAGE));
        Files.write(module.index(PACKAGE), lines.subList(0, lines.size() - 2));

        startRefusingTheIndex("cut short");
    }

    /**
     * The lines after the head are read after the decision, perhaps much later: they must belong to the
     * head the decision was made from, so an index rewritten in between (intact, but another) is not
     * used for them.
     */
    @Test
    void anIndexRewrittenAfterTheIdleStartReadItsHeadIsNotUsedForTheReport() throws IOException {
        RecordingLoader loader = module.loader();
        try (CapturedLog log = CapturedLog.start()) {
            RunReport report = tidemark(loader).run();
            assertThat(report.nothingToDo()).isTrue();
            String text = Files.readString(module.index(PACKAGE), StandardCharsets.UTF_8);
            int digest = text.indexOf("\ndigest\t") + "\ndigest\t".length();
            char edited = text.charAt(digest) == '0' ? '1' : '0';
            Files.writeString(
                    module.index(PACKAGE),
                    withChecksums(text.substring(0, digest) + edited + text.substring(digest + 1)),
                    StandardCharsets.UTF_8);

            assertThat(report.changes())
                    .extracting(ChangeResult::changeId)
                    .containsExactly("create-orders", "seed-orders");
            assertThat(log.linesContaining("changed after Tidemark read its head"))
                    .singleElement()
                    .asString()
                    .contains("WARN", "loads the change-unit classes instead");
        }
        assertThat(loader.loaded()).contains(PACKAGE + ".CreateOrders", PACKAGE + ".SeedOrders");
    }

    /** {@code text} with its head and end checksums made right again, as if the processor wrote it. */
    static String withChecksums(String text) {
        int headLine = text.indexOf("\nhead\t") + 1;
        int restStart = text.indexOf('\n', headLine) + 1;
        String[] head = text.substring(headLine, restStart - 1).split("\t");
        String withHead = text.substring(0, headLine) + "head\t" + crc(text.substring(0, headLine)) + "\t" + head[2]
                + "\n" + text.substring(restStart, text.lastIndexOf("end\t"));
        return withHead + "end\t" + crc(withHead) + "\n";
    }

    private static String crc(String text) {
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(text.getBytes(StandardCharsets.UTF_8));
        return String.format("%08x", crc.getValue());
    }

    @Test
    void anIndexOfANewerFormatIsRefused() throws IOException {
        String text = Files.readString(module.index(PACKAGE)).replace("tidemark-index\t1\n", "tidemark-index\t2\n");
        Files.writeString(module.index(PACKAGE), text);

        startRefusingTheIndex("format version 2");
    }

    @Test
    void aPackageWithoutAnIndexIsScannedQuietly() throws IOException {
        Files.delete(module.index(PACKAGE));
        RecordingLoader loader = module.loader();
        try (CapturedLog log = CapturedLog.start()) {
            assertThat(tidemark(loader).run().nothingToDo()).isTrue();
            assertThat(log.linesContaining(NOT_USED)).isEmpty();
        }
        assertThat(loader.loaded()).isNotEmpty();
    }

    /** Writes the source of an annotation type; {@code members} are its elements. */
    private void annotationType(String qualifiedName, String target, String members) {
        int dot = qualifiedName.lastIndexOf('.');
        module.source(
                qualifiedName,
                "package " + qualifiedName.substring(0, dot) + ";\n\n"
                        + "@java.lang.annotation.Retention(java.lang.annotation.RetentionPolicy.RUNTIME)\n"
                        + "@java.lang.annotation.Target(java.lang.annotation.ElementType." + target + ")\n"
                        + "public @interface " + qualifiedName.substring(dot + 1) + " {\n" + members + "}\n");
    }

    /**
     * Runs a start over the module compiled with the processor, whose package also holds
     * {@code ForeignChange}, a class annotated with {@code annotation}: the index is complete and lists
     * the class, but does not describe it as a change unit, so Tidemark must not use it.
     */
    private RunReport startBesideAForeignClass(String annotation) throws IOException {
        module.compileWithProcessor();
        assertThat(Files.readString(module.index(PACKAGE))).contains("state\tcomplete", "ForeignChange\t", annotation);
        RecordingLoader loader = module.loader();
        try (CapturedLog log = CapturedLog.start()) {
            RunReport report = tidemark(loader).run();
            assertThat(log.linesContaining(NOT_USED))
                    .singleElement()
                    .asString()
                    .contains("INFO", "ForeignChange is annotated with " + annotation);
            assertThat(loader.loaded()).as("classes the scan looked at").contains(PACKAGE + ".ForeignChange");
            return report;
        }
    }

    /** Issue 18 runs Mongock 5's change units unchanged: one beside indexed change units runs. */
    @Test
    void aMongockChangeUnitInTheIndexedPackageRuns() throws IOException {
        annotationType(
                "io.mongock.api.annotations.ChangeUnit",
                "TYPE",
                "    String id();\n    String order();\n    String author() default \"\";\n"
                        + "    boolean failFast() default true;\n    boolean runAlways() default false;\n"
                        + "    String systemVersion() default \"0\";\n    boolean transactional() default true;\n");
        annotationType("io.mongock.api.annotations.Execution", "METHOD", "");
        module.source(
                PACKAGE + ".ForeignChange",
                "package " + PACKAGE + ";\n\n"
                        + "@io.mongock.api.annotations.ChangeUnit(id = \"mongock-seed\", order = \"3\", author = \"ana\")\n"
                        + "public class ForeignChange {\n"
                        + "    @io.mongock.api.annotations.Execution\n"
                        + "    public void apply() {\n    }\n}\n");

        RunReport report = startBesideAForeignClass("io.mongock.api.annotations.ChangeUnit");

        assertThat(report.applied()).extracting(ChangeResult::changeId).containsExactly("mongock-seed");
    }

    /** The same for a change log of Mongock 3 and 4 ({@code @ChangeLog} with {@code @ChangeSet} methods). */
    @Test
    void aLegacyMongockChangeLogInTheIndexedPackageRuns() throws IOException {
        annotationType(
                "com.github.cloudyrock.mongock.ChangeLog",
                "TYPE",
                "    String order() default \"\";\n    boolean failFast() default true;\n");
        annotationType(
                "com.github.cloudyrock.mongock.ChangeSet",
                "METHOD",
                "    String author();\n    String id();\n    String order();\n    boolean runAlways() default false;\n"
                        + "    String systemVersion() default \"0\";\n    boolean failFast() default true;\n");
        module.source(
                PACKAGE + ".ForeignChange",
                "package " + PACKAGE + ";\n\n"
                        + "@com.github.cloudyrock.mongock.ChangeLog(order = \"3\")\n"
                        + "public class ForeignChange {\n"
                        + "    @com.github.cloudyrock.mongock.ChangeSet(id = \"legacy-seed\", order = \"1\", author = \"ana\")\n"
                        + "    public void seed() {\n    }\n}\n");

        RunReport report = startBesideAForeignClass("com.github.cloudyrock.mongock.ChangeLog");

        assertThat(report.applied()).extracting(ChangeResult::changeId).containsExactly("legacy-seed");
    }

    /**
     * An annotation named like a change unit of some tool Tidemark does not know yet: the index is not
     * trusted either (conservative), and the scan decides what the class is.
     */
    @Test
    void anyOtherAnnotationNamedChangeLogMakesTheIndexUnused() throws IOException {
        annotationType("com.example.othertool.ChangeLog", "TYPE", "");
        module.source(
                PACKAGE + ".ForeignChange",
                "package " + PACKAGE + ";\n\n@com.example.othertool.ChangeLog\n" + "public class ForeignChange {\n}\n");

        RunReport report = startBesideAForeignClass("com.example.othertool.ChangeLog");

        assertThat(report.nothingToDo()).isTrue();
    }

    @Test
    void otherAnnotationsOnHelperClassesKeepTheIndexInUse() {
        module.source(
                        "com.example.audit.Audited",
                        "package com.example.audit;\n\n"
                                + "@java.lang.annotation.Retention(java.lang.annotation.RetentionPolicy.RUNTIME)\n"
                                + "public @interface Audited {\n}\n")
                .source(
                        PACKAGE + ".OrderHelpers",
                        "package " + PACKAGE + ";\n\n@com.example.audit.Audited\n" + "final class OrderHelpers {\n}\n")
                .compileWithProcessor();

        RecordingLoader loader = module.loader();
        try (CapturedLog log = CapturedLog.start()) {
            assertThat(tidemark(loader).run().nothingToDo()).isTrue();
            assertThat(log.linesContaining(NOT_USED)).isEmpty();
        }
        assertThat(loader.loaded())
                .as("classes loaded by an indexed idle start")
                .isEmpty();
    }
}
