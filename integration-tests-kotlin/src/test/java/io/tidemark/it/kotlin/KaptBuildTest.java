package io.tidemark.it.kotlin;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.core.ChangeResult;
import io.tidemark.core.RunReport;
import io.tidemark.core.Tidemark;
import io.tidemark.core.memory.InMemoryAuditStore;
import io.tidemark.it.kotlin.changes.CreateLedger;
import io.tidemark.it.kotlin.changes.Ledger;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This module's change units are written in Kotlin and compiled by its Maven build as a Kotlin user's
 * is: the Kotlin compiler, with tidemark-processor run through kapt (see the pom). kapt runs the
 * processor on Java stubs before the Kotlin compiler writes the class files, so the processor cannot
 * fingerprint them: it writes the reflection metadata and an index marked {@code pending}, and
 * Tidemark, refusing that index, scans the package and runs the Kotlin change units as without the
 * processor. The README's "Kotlin with kapt" paragraph promises exactly this.
 */
class KaptBuildTest {

    static final String PACKAGE = "io.tidemark.it.kotlin.changes";

    /** Opened first, so that slf4j-simple has created (emptied) its file before the tests measure it. */
    private static final Logger log = LoggerFactory.getLogger(KaptBuildTest.class);

    /** Where slf4j-simple writes (set for the tests in the pom). */
    private static final Path LOG = Path.of(System.getProperty("org.slf4j.simpleLogger.logFile"));

    @Test
    void kaptWroteAnIndexMarkedPendingAndNoClassFileFingerprint() throws IOException {
        String index = resource("META-INF/tidemark/index/" + PACKAGE + ".idx");

        assertThat(index)
                .startsWith(
                        "tidemark-index\t1\npackage\t" + PACKAGE + "\nstate\tpending\tKotlin's kapt runs the processor")
                .doesNotContain("unit\t")
                .doesNotContain("class\t");
    }

    @Test
    void kaptWroteTheReflectionMetadataOfTheKotlinChangeUnit() throws IOException {
        String config = resource("META-INF/native-image/io.tidemark/kotlin-tests/reflect-config.json");

        assertThat(config)
                .contains("{\"name\": \"" + PACKAGE + ".CreateLedger\"")
                .contains("{\"name\": \"apply\", \"parameterTypes\": [\"io.tidemark.api.ChangeContext\"]}")
                .doesNotContain(PACKAGE + ".Ledger\"");
    }

    @Test
    void tidemarkRefusesThePendingIndexSaysWhyAndRunsTheKotlinChangeUnitOnce() throws IOException {
        InMemoryAuditStore store = new InMemoryAuditStore(Clock.systemUTC());
        log.info("Building Tidemark on the package kapt compiled");
        long logBefore = Files.size(LOG);

        Tidemark scanned =
                Tidemark.builder().auditStore(store).scanPackage(PACKAGE).build();

        List<String> refusals = logSince(logBefore).stream()
                .filter(line -> line.contains("Tidemark does not use the build-time index of [" + PACKAGE + "]"))
                .toList();
        assertThat(refusals).hasSize(1);
        assertThat(refusals.get(0))
                .contains("INFO")
                .contains(
                        "cannot be used: the processor marked it pending: Kotlin's kapt runs the processor on Java stubs");
        assertThat(scanned.changeSetDigest())
                .isEqualTo(Tidemark.builder()
                        .auditStore(store)
                        .changeUnits(CreateLedger.class)
                        .build()
                        .changeSetDigest());

        RunReport first = scanned.run();
        assertThat(first.applied()).extracting(ChangeResult::changeId).containsExactly("kotlin-create-ledger");
        assertThat(Ledger.INSTANCE.ran()).containsExactly("kotlin-create-ledger");

        RunReport second = Tidemark.builder()
                .auditStore(store)
                .scanPackage(PACKAGE)
                .build()
                .run();
        assertThat(second.nothingToDo()).isTrue();
        assertThat(Ledger.INSTANCE.ran()).containsExactly("kotlin-create-ledger");
    }

    private static List<String> logSince(long offset) throws IOException {
        byte[] all = Files.readAllBytes(LOG);
        return new String(all, (int) offset, all.length - (int) offset, StandardCharsets.UTF_8)
                .lines()
                .toList();
    }

    private static String resource(String name) throws IOException {
        URL url = KaptBuildTest.class.getClassLoader().getResource(name);
        assertThat(url).as(name).isNotNull();
        try (InputStream in = url.openStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
