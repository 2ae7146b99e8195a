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
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
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

    @Test
    void theIndexWrittenWithTheClassesIsAcceptedByItsFingerprint() {
        RecordingLoader loader = module.loader();
        try (CapturedLog log = CapturedLog.start()) {
            RunReport report = tidemark(loader).run();

            assertThat(log.linesContaining(BY_FINGERPRINT)).hasSize(1);
            assertThat(log.linesContaining(FILE_BY_FILE)).isEmpty();
            assertThat(report.nothingToDo()).isTrue();
            assertThat(report.skipped())
                    .extracting(ChangeResult::changeId)
                    .containsExactly("create-orders", "seed-orders");
        }
        assertThat(loader.loaded()).isEmpty();
    }

    /**
     * A class file whose time is on a whole second (javac writes one in about 250 so on this machine,
     * whose file times move by 4 ms; on a file system that keeps seconds, all of them) is counted by its
     * content in the fingerprint by time, so the check stays quick: the processor counts it so, and the
     * start reads that file. The index here is the processor's, as it would be had javac written
     * Columns.class on that second.
     */
    @Test
    void aClassFileWrittenOnAWholeSecondIsCountedByItsContentAndTheCheckStaysQuick() throws IOException {
        onAWholeSecond(module.classFile(PACKAGE + ".Columns"));
        RecordingLoader loader = module.loader();
        try (CapturedLog log = CapturedLog.start()) {
            assertThat(tidemark(loader).run().nothingToDo()).isTrue();
            assertThat(log.linesContaining(BY_FINGERPRINT)).hasSize(1);
            assertThat(log.linesContaining(FILE_BY_FILE)).isEmpty();
        }
        assertThat(loader.loaded()).isEmpty();
    }

    /**
     * The reason for counting such a file by content: a recompilation within the same second on a file
     * system that keeps seconds leaves the time as it was. Another Columns.class with the index's whole
     * second is told apart by its content, and the index is not used.
     */
    @Test
    void aClassFileRecompiledWithinTheSameWholeSecondIsToldApartByItsContent() throws IOException {
        Path columns = module.classFile(PACKAGE + ".Columns");
        FileTime second = onAWholeSecond(columns);
        CompiledModule other = CompiledModule.in(directory.resolve("other"))
                .source(PACKAGE + ".Columns", "package " + PACKAGE + ";\n\nfinal class Columns {\n    int width;\n}\n")
                .compileWithoutProcessor();
        Files.copy(other.classFile(PACKAGE + ".Columns"), columns, StandardCopyOption.REPLACE_EXISTING);
        Files.setLastModifiedTime(columns, second);

        RecordingLoader loader = module.loader();
        try (CapturedLog log = CapturedLog.start()) {
            assertThat(tidemark(loader).run().nothingToDo()).isTrue();
            assertThat(log.linesContaining(BY_FINGERPRINT)).isEmpty();
            assertThat(log.linesContaining(NOT_USED))
                    .singleElement()
                    .asString()
                    .contains("is stale", "Columns.class changed since it was written");
        }
    }

    /**
     * Moves {@code classFile}'s time to a whole second, and rewrites the package's index as the processor
     * writes it for that time: the class line's time, the fingerprint by time (that file by content), and
     * the checksums. Returns the time.
     */
    private FileTime onAWholeSecond(Path classFile) throws IOException {
        FileTime second =
                FileTime.fromMillis((Files.getLastModifiedTime(classFile).toMillis() / 1000 + 1) * 1000);
        Files.setLastModifiedTime(classFile, second);
        String directoryPath = PACKAGE.replace('.', '/') + "/";
        long byTime = 0;
        try (var files = Files.list(classFile.getParent())) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String name = file.getFileName().toString();
                String path = directoryPath + name.substring(0, name.length() - ".class".length());
                byte[] bytes = Files.readAllBytes(file);
                CRC32 crc = new CRC32();
                crc.update(bytes);
                long time = Files.getLastModifiedTime(file).toMillis();
                byTime += time % 1000 != 0
                        ? Fingerprint.entry(path, time, -1)
                        : Fingerprint.entry(path, bytes.length, crc.getValue());
            }
        }
        String simpleName = classFile.getFileName().toString().replace(".class", "");
        List<String> lines = new ArrayList<>();
        for (String line :
                Files.readString(module.index(PACKAGE), StandardCharsets.UTF_8).split("\n")) {
            String[] fields = line.split("\t", -1);
            if (fields[0].equals("summary")) {
                fields[3] = String.format("%016x", byTime);
            } else if (fields[0].equals("class") && fields[1].equals(simpleName)) {
                fields[4] = Long.toString(second.toMillis());
            }
            lines.add(String.join("\t", fields));
        }
        Files.writeString(
                module.index(PACKAGE),
                StaleIndexTest.withChecksums(String.join("\n", lines) + "\n"),
                StandardCharsets.UTF_8);
        return second;
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
