package io.tidemark.processor;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.core.ChangeResult;
import io.tidemark.core.RunReport;
import io.tidemark.core.Tidemark;
import io.tidemark.core.memory.InMemoryAuditStore;
import io.tidemark.processor.testing.CapturedLog;
import io.tidemark.processor.testing.CompiledModule;
import io.tidemark.processor.testing.RecordingLoader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.Collections;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Jars laid out so that a reader of the central directory that differs from the JDK's would see
 * another set of class files than the class loader: a second end record in the comment of the first,
 * which the JDK prefers, and a ZIP64 locator the JDK follows. In both, a change unit added after the
 * index was written must run (the idle start's own pass gives up, and the full check, reading the jar
 * through the JDK, finds the class file the index lacks).
 */
class CraftedJarTest {

    static final String PACKAGE = "com.example.changes";
    static final String BY_FINGERPRINT = "matches the class files by count and fingerprint";

    @TempDir
    Path directory;

    private final InMemoryAuditStore store = new InMemoryAuditStore(Clock.systemUTC());

    private Tidemark tidemark(ClassLoader loader) {
        return Tidemark.builder()
                .auditStore(store)
                .classLoader(loader)
                .scanPackage(PACKAGE)
                .build();
    }

    @Test
    void aSecondEndRecordInTheCommentOfTheFirstDoesNotHideAClassFile() throws Exception {
        run(false);
    }

    @Test
    void aZip64LocatorBeforeTheEndRecordDoesNotHideAClassFile() throws Exception {
        run(true);
    }

    private void run(boolean zip64) throws Exception {
        CompiledModule module = CompiledModule.in(directory.resolve("module"))
                .changeUnit(PACKAGE + ".CreateOrders", "create-orders", "1")
                .changeUnit(PACKAGE + ".SeedOrders", "seed-orders", "2")
                .compileWithProcessor();
        Path jar = module.jar(directory.resolve("changes.jar"));
        assertThat(tidemark(RecordingLoader.over(jar)).run().applied()).hasSize(2);

        Path extra = directory.resolve("extra");
        CompiledModule.in(extra)
                .changeUnit(PACKAGE + ".AddAudit", "add-audit", "30")
                .compileWithoutProcessor();
        String added = PACKAGE.replace('.', '/') + "/AddAudit.class";
        Path combined = directory.resolve("combined.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(combined));
                JarFile original = new JarFile(jar.toFile())) {
            for (JarEntry entry : Collections.list(original.entries())) {
                out.putNextEntry(new JarEntry(entry.getName()));
                out.write(original.getInputStream(entry).readAllBytes());
                out.closeEntry();
            }
            out.putNextEntry(new JarEntry(added));
            out.write(Files.readAllBytes(extra.resolve("classes").resolve(added)));
            out.closeEntry();
        }
        Path crafted = zip64
                ? craftZip64(combined, added, directory.resolve("crafted.jar"))
                : craft(combined, added, directory.resolve("crafted.jar"));

        // The JDK reads the crafted jar and sees AddAudit.
        try (JarFile file = new JarFile(crafted.toFile())) {
            assertThat(file.getJarEntry(added)).isNotNull();
        }
        RecordingLoader probe = RecordingLoader.over(crafted);
        assertThat(Class.forName(PACKAGE + ".AddAudit", false, probe)).isNotNull();

        RecordingLoader loader = RecordingLoader.over(crafted);
        try (CapturedLog log = CapturedLog.start()) {
            RunReport report = tidemark(loader).run();
            assertThat(log.linesContaining(BY_FINGERPRINT)).isEmpty();
            assertThat(report.applied()).extracting(ChangeResult::changeId).containsExactly("add-audit");
        }
    }

    /**
     * [local entries][CEN without {@code hidden}][END, comment = rest][CEN with every entry][END'
     * with comment length 0][1 byte]. The JDK scans back, finds END' first, whose comment length does
     * not reach the end of the file, checks that its CEN and first local header have their signatures,
     * and uses it. Tidemark's pass skips END' and uses the first END.
     */
    static Path craft(Path jar, String hidden, Path to) throws IOException {
        byte[] bytes = Files.readAllBytes(jar);
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int end = bytes.length - 22;
        if (b.getInt(end) != 0x06054b50) throw new AssertionError("end");
        int total = b.getShort(end + 10) & 0xffff;
        int cenSize = b.getInt(end + 12);
        int cenOff = b.getInt(end + 16);
        byte[] cenFull = Arrays.copyOfRange(bytes, cenOff, cenOff + cenSize);
        ByteArrayOutputStream cenMinus = new ByteArrayOutputStream();
        int at = 0;
        while (at < cenFull.length) {
            ByteBuffer c = ByteBuffer.wrap(cenFull).order(ByteOrder.LITTLE_ENDIAN);
            int n = c.getShort(at + 28) & 0xffff;
            int len = 46 + n + (c.getShort(at + 30) & 0xffff) + (c.getShort(at + 32) & 0xffff);
            String name = new String(cenFull, at + 46, n, StandardCharsets.UTF_8);
            if (!name.equals(hidden)) cenMinus.write(cenFull, at, len);
            at += len;
        }
        byte[] minus = cenMinus.toByteArray();
        int fakeCenPos = cenOff + minus.length + 22;
        ByteBuffer fakeEnd = ByteBuffer.allocate(22).order(ByteOrder.LITTLE_ENDIAN);
        fakeEnd.putInt(0x06054b50)
                .putShort((short) 0)
                .putShort((short) 0)
                .putShort((short) total)
                .putShort((short) total)
                .putInt(cenFull.length)
                .putInt(fakeCenPos)
                .putShort((short) 0);
        int commentLength = cenFull.length + 22 + 1;
        ByteBuffer realEnd = ByteBuffer.allocate(22).order(ByteOrder.LITTLE_ENDIAN);
        realEnd.putInt(0x06054b50)
                .putShort((short) 0)
                .putShort((short) 0)
                .putShort((short) (total - 1))
                .putShort((short) (total - 1))
                .putInt(minus.length)
                .putInt(cenOff)
                .putShort((short) commentLength);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(bytes, 0, cenOff);
        out.write(minus);
        out.write(realEnd.array());
        out.write(cenFull);
        out.write(fakeEnd.array());
        out.write('x');
        return Files.write(to, out.toByteArray());
    }

    /**
     * [local entries][CEN with every entry (S bytes)][ZIP64 end record][CEN without {@code hidden},
     * padded to S bytes by its last record's comment, which ends with a ZIP64 locator][END]. The JDK
     * follows the locator to the ZIP64 end record (its values agree with END's) and reads the CEN
     * before it; Tidemark's pass reads the S bytes just before END.
     */
    static Path craftZip64(Path jar, String hidden, Path to) throws IOException {
        byte[] bytes = Files.readAllBytes(jar);
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int end = bytes.length - 22;
        int total = b.getShort(end + 10) & 0xffff;
        int cenSize = b.getInt(end + 12);
        int cenOff = b.getInt(end + 16);
        byte[] cenFull = Arrays.copyOfRange(bytes, cenOff, cenOff + cenSize);
        ByteBuffer c = ByteBuffer.wrap(cenFull).order(ByteOrder.LITTLE_ENDIAN);
        ByteArrayOutputStream minus = new ByteArrayOutputStream();
        int at = 0;
        int lastKept = -1;
        int removedLength = 0;
        while (at < cenFull.length) {
            int n = c.getShort(at + 28) & 0xffff;
            int len = 46 + n + (c.getShort(at + 30) & 0xffff) + (c.getShort(at + 32) & 0xffff);
            String name = new String(cenFull, at + 46, n, StandardCharsets.UTF_8);
            if (name.equals(hidden)) {
                removedLength = len;
            } else {
                lastKept = minus.size();
                minus.write(cenFull, at, len);
            }
            at += len;
        }
        byte[] padded = Arrays.copyOf(minus.toByteArray(), cenSize);
        ByteBuffer p = ByteBuffer.wrap(padded).order(ByteOrder.LITTLE_ENDIAN);
        if ((p.getShort(lastKept + 32) & 0xffff) != 0
                || lastKept + 46 + (p.getShort(lastKept + 28) & 0xffff) + (p.getShort(lastKept + 30) & 0xffff)
                        != minus.size()) {
            throw new AssertionError("last kept record is not last or has a comment");
        }
        p.putShort(lastKept + 32, (short) removedLength);
        long zip64EndAt = cenOff + cenSize;
        ByteBuffer locator = ByteBuffer.allocate(20).order(ByteOrder.LITTLE_ENDIAN);
        locator.putInt(0x07064b50).putInt(0).putLong(zip64EndAt).putInt(1);
        System.arraycopy(locator.array(), 0, padded, cenSize - 20, 20);
        ByteBuffer zip64End = ByteBuffer.allocate(56).order(ByteOrder.LITTLE_ENDIAN);
        zip64End.putInt(0x06064b50)
                .putLong(44)
                .putShort((short) 45)
                .putShort((short) 45)
                .putInt(0)
                .putInt(0)
                .putLong(total)
                .putLong(total)
                .putLong(cenSize)
                .putLong(cenOff);
        ByteBuffer realEnd = ByteBuffer.allocate(22).order(ByteOrder.LITTLE_ENDIAN);
        realEnd.putInt(0x06054b50)
                .putShort((short) 0)
                .putShort((short) 0)
                .putShort((short) total)
                .putShort((short) total)
                .putInt(cenSize)
                .putInt(cenOff)
                .putShort((short) 0);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(bytes, 0, cenOff);
        out.write(cenFull);
        out.write(zip64End.array());
        out.write(padded);
        out.write(realEnd.array());
        return Files.write(to, out.toByteArray());
    }
}
