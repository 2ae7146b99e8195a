package io.tidemark.processor;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.core.ChangeOutcome;
import io.tidemark.core.ChangeResult;
import io.tidemark.core.RunReport;
import io.tidemark.core.Tidemark;
import io.tidemark.core.memory.InMemoryAuditStore;
import io.tidemark.processor.testing.CapturedLog;
import io.tidemark.processor.testing.CompiledModule;
import io.tidemark.processor.testing.RecordingLoader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.util.Collections;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.stream.Collectors;
import java.util.zip.CRC32;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The check an idle start makes of an index: from the index's head (counts, one aggregate fingerprint of
 * the class files, the change units' facts and parameter types), with the check class file by class
 * file only when that does not match. Which check accepted an index is logged at DEBUG.
 */
class QuickIndexCheckTest {

    static final String PACKAGE = "com.example.changes";
    static final String BY_FINGERPRINT = "matches the class files by count and fingerprint";
    static final String FILE_BY_FILE = "is checked class file by class file";
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
                .source(PACKAGE + ".Columns", "package " + PACKAGE + ";\n\nfinal class Columns {\n}\n")
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

    /**
     * In a directory the fingerprint is by time; when javac happened to write a class file on a whole
     * second (about one build in 300 here), the processor records no fingerprint by time and the check
     * is class file by class file, which this test then expects instead.
     */
    @Test
    void theIndexWrittenWithTheClassesIsAcceptedByItsFingerprint() throws IOException {
        boolean byTime = byTimeRecorded(module.index(PACKAGE));
        RecordingLoader loader = module.loader();
        try (CapturedLog log = CapturedLog.start()) {
            RunReport report = tidemark(loader).run();

            assertThat(log.linesContaining(byTime ? BY_FINGERPRINT : FILE_BY_FILE))
                    .hasSize(1);
            assertThat(log.linesContaining(byTime ? FILE_BY_FILE : BY_FINGERPRINT))
                    .isEmpty();
            assertThat(report.nothingToDo()).isTrue();
            assertThat(report.skipped())
                    .extracting(ChangeResult::changeId)
                    .containsExactly("create-orders", "seed-orders");
        }
        assertThat(loader.loaded()).isEmpty();
    }

    /** Whether the index's summary line holds a fingerprint by time (not {@code -}). */
    private static boolean byTimeRecorded(Path index) throws IOException {
        String summary = Files.readAllLines(index).stream()
                .filter(line -> line.startsWith("summary\t"))
                .findFirst()
                .orElseThrow();
        return !summary.split("\t")[3].equals("-");
    }

    @Test
    void anIndexInAJarIsAcceptedByItsFingerprint() {
        Path jar = module.jar(directory.resolve("changes.jar"));
        RecordingLoader loader = RecordingLoader.over(jar);
        try (CapturedLog log = CapturedLog.start()) {
            assertThat(tidemark(loader).run().nothingToDo()).isTrue();
            assertThat(log.linesContaining(BY_FINGERPRINT)).hasSize(1);
        }
        assertThat(loader.loaded()).isEmpty();
    }

    /**
     * In a jar the class files of the package and of the packages under it are counted and fingerprinted
     * in one pass; the heads of their indexes must add up to both.
     */
    @Test
    void indexesOfSubPackagesInAJarAreAcceptedTogetherByTheirFingerprints() {
        module.changeUnit(PACKAGE + ".billing.AddInvoices", "add-invoices", "20")
                .source(
                        PACKAGE + ".billing.tax.Rates",
                        "package " + PACKAGE + ".billing.tax;\n\nfinal class Rates {\n}\n")
                .compileWithProcessor();
        Path jar = module.jar(directory.resolve("changes.jar"));
        assertThat(tidemark(RecordingLoader.over(jar)).run().applied())
                .extracting(ChangeResult::changeId)
                .containsExactly("add-invoices");

        RecordingLoader loader = RecordingLoader.over(jar);
        try (CapturedLog log = CapturedLog.start()) {
            assertThat(tidemark(loader).run().nothingToDo()).isTrue();
            assertThat(log.linesContaining(BY_FINGERPRINT)).hasSize(1);
            assertThat(log.linesContaining(FILE_BY_FILE)).isEmpty();
        }
        assertThat(loader.loaded()).isEmpty();
    }

    /** A class file added to a jar in a sub-package that has no index of its own: the index is not used. */
    @Test
    void aClassFileInASubPackageWithoutAnIndexInAJarMakesTheIndexUnused() throws IOException {
        Path jar = module.jar(directory.resolve("changes.jar"));
        Path extra = directory.resolve("extra");
        CompiledModule.in(extra)
                .changeUnit(PACKAGE + ".late.AddAudit", "add-audit", "30")
                .compileWithoutProcessor();
        Path combined = directory.resolve("combined.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(combined));
                JarFile original = new JarFile(jar.toFile())) {
            for (JarEntry entry : Collections.list(original.entries())) {
                out.putNextEntry(new JarEntry(entry.getName()));
                out.write(original.getInputStream(entry).readAllBytes());
                out.closeEntry();
            }
            String added = PACKAGE.replace('.', '/') + "/late/AddAudit.class";
            out.putNextEntry(new JarEntry(added));
            out.write(Files.readAllBytes(extra.resolve("classes").resolve(added)));
            out.closeEntry();
        }

        RecordingLoader loader = RecordingLoader.over(combined);
        try (CapturedLog log = CapturedLog.start()) {
            RunReport report = tidemark(loader).run();
            assertThat(log.linesContaining(BY_FINGERPRINT)).isEmpty();
            assertThat(log.linesContaining(NOT_USED))
                    .singleElement()
                    .asString()
                    .contains("package " + PACKAGE + ".late", "has no index");
            assertThat(report.applied()).extracting(ChangeResult::changeId).containsExactly("add-audit");
        }
    }

    @Test
    void classFilesWithOtherTimesAreComparedOneByOneAndStillUseTheIndex() throws IOException {
        Files.setLastModifiedTime(module.classFile(PACKAGE + ".SeedOrders"), FileTime.fromMillis(1_234_567));
        RecordingLoader loader = module.loader();
        try (CapturedLog log = CapturedLog.start()) {
            assertThat(tidemark(loader).run().nothingToDo()).isTrue();
            assertThat(log.linesContaining(FILE_BY_FILE)).hasSize(1);
            assertThat(log.linesContaining(NOT_USED)).isEmpty();
        }
        assertThat(loader.loaded()).isEmpty();
    }

    @Test
    void aClassFileSwappedForAnotherKeepsTheCountButNotTheFingerprint() throws IOException {
        Files.delete(module.classFile(PACKAGE + ".Columns"));
        module.changeUnit(PACKAGE + ".AddIndex", "add-index", "3").recompile(false, PACKAGE + ".AddIndex");
        assertThat(module.classFile(PACKAGE + ".Columns")).doesNotExist();
        RecordingLoader loader = module.loader();
        try (CapturedLog log = CapturedLog.start()) {
            RunReport report = tidemark(loader).run();
            assertThat(log.linesContaining(NOT_USED))
                    .singleElement()
                    .asString()
                    .contains(
                            "class files added since it was written: AddIndex",
                            "class files it lists are gone: " + "Columns");
            assertThat(report.applied()).extracting(ChangeResult::changeId).containsExactly("add-index");
        }
        assertThat(loader.loaded()).contains(PACKAGE + ".AddIndex");
    }

    @ParameterizedTest(name = "without its {0} lines")
    @ValueSource(strings = {"summary|facts|annotations|uses|rollback-uses|head", "head"})
    void anIndexWrittenByAnEarlierProcessorIsRefusedAndTheClassesScanned(String kinds) throws IOException {
        String text = Files.readString(module.index(PACKAGE), StandardCharsets.UTF_8);
        String withoutSummary = text.lines()
                .filter(line -> !line.matches("(" + kinds + ")\t.*"))
                .filter(line -> !line.startsWith("end\t"))
                .map(line -> line + "\n")
                .collect(Collectors.joining());
        CRC32 crc = new CRC32();
        crc.update(withoutSummary.getBytes(StandardCharsets.UTF_8));
        Files.writeString(
                module.index(PACKAGE),
                withoutSummary + String.format("end\t%08x\n", crc.getValue()),
                StandardCharsets.UTF_8);

        RecordingLoader loader = module.loader();
        try (CapturedLog log = CapturedLog.start()) {
            RunReport report = tidemark(loader).run();
            assertThat(log.linesContaining(NOT_USED))
                    .singleElement()
                    .asString()
                    .contains("INFO", "written by an earlier tidemark-processor");
            assertThat(report.nothingToDo()).isTrue();
        }
        assertThat(loader.loaded()).as("classes scanned").contains(PACKAGE + ".CreateOrders", PACKAGE + ".SeedOrders");
    }

    @Test
    void theHeadOfTheIndexSummarisesItsChangeUnits() throws IOException {
        module.source(
                        PACKAGE + ".UsesExecutor",
                        CompiledModule.changeUnit(
                                PACKAGE,
                                "UsesExecutor",
                                "uses-executor",
                                "2.1",
                                "java.util.concurrent.Executor executor"))
                .compileWithProcessor();

        String text = Files.readString(module.index(PACKAGE), StandardCharsets.UTF_8);

        assertThat(text.lines().filter(line -> line.startsWith("summary\t")))
                .singleElement()
                .asString()
                .startsWith("summary\t3\t4\t");
        assertThat(text)
                .contains(
                        "\nfacts\t13\t4\tyes\tyes\n",
                        "\nannotations\tio.tidemark.api.ChangeUnit\n",
                        "\nuses\texecution\tjava.util.concurrent.Executor\n");
        assertThat(text.indexOf("\nsummary\t"))
                .as("the head comes before the class files")
                .isLessThan(text.indexOf("\nhead\t"));
        int headLine = text.indexOf("\nhead\t") + 1;
        int restStart = text.indexOf('\n', headLine) + 1;
        String[] head = text.substring(headLine, restStart - 1).split("\t");
        CRC32 crc = new CRC32();
        crc.update(text.substring(0, headLine).getBytes(StandardCharsets.UTF_8));
        assertThat(head[1]).as("checksum of the head").isEqualTo(String.format("%08x", crc.getValue()));
        assertThat(Long.parseLong(head[2]))
                .as("bytes after the head line")
                .isEqualTo(text.substring(restStart).getBytes(StandardCharsets.UTF_8).length);
        assertThat(text.substring(restStart)).startsWith("class\t");
    }

    @Test
    void anIdleReportReadsItsChangesFromTheIndexWhenAsked() {
        RunReport report = tidemark(module.loader()).run();

        assertThat(report.changes()).hasSize(2);
        assertThat(report.applied()).isEmpty();
        assertThat(report.issues()).isEmpty();
        assertThat(report.failed()).isEmpty();
        assertThat(report.isComplete()).isTrue();
        assertThat(report.changes())
                .extracting(ChangeResult::changeId, ChangeResult::order, ChangeResult::outcome)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("create-orders", "1", ChangeOutcome.ALREADY_APPLIED),
                        org.assertj.core.groups.Tuple.tuple("seed-orders", "2", ChangeOutcome.ALREADY_APPLIED));
        assertThat(report.summary()).contains("0 applied, 2 already applied");
    }
}
