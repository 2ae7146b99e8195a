package io.tidemark.core.internal.loading;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.List;
import java.util.Optional;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The central-directory pass of the idle start's jar check gives the same counts and fingerprint as
 * the JDK's own reading of the jar, whatever is around the package, and nothing when the file is not a
 * jar it follows.
 */
class JarCentralDirectoryTest {

    private static final String PACKAGE = "com.example.changes";
    private static final byte[] SAME_CONTENT = "the same bytes in every such entry".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path directory;

    private Path jar(String comment, String... names) throws IOException {
        Path jar = directory.resolve("changes-" + System.nanoTime() + ".jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            if (!comment.isEmpty()) {
                out.setComment(comment);
            }
            for (String name : names) {
                JarEntry entry = new JarEntry(name);
                if (name.endsWith("Stored.class")) {
                    byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
                    CRC32 crc = new CRC32();
                    crc.update(bytes);
                    entry.setMethod(ZipEntry.STORED);
                    entry.setSize(bytes.length);
                    entry.setCrc(crc.getValue());
                }
                out.putNextEntry(entry);
                if (name.endsWith("Same.class")) {
                    out.write(SAME_CONTENT);
                } else if (!name.endsWith("/")) {
                    out.write(name.getBytes(StandardCharsets.UTF_8));
                }
                out.closeEntry();
            }
        }
        return jar;
    }

    private Path typicalJar(String comment) throws IOException {
        return jar(
                comment,
                "META-INF/MANIFEST.MF",
                "com/",
                "com/example/",
                "com/example/changes/",
                "com/example/changes/CreateOrders.class",
                "com/example/changes/SeedOrders.class",
                "com/example/changes/StoredStored.class",
                "com/example/changes/billing/AddInvoices.class",
                "com/example/changes/readme.txt",
                "com/example/changesother/NotUnder.class",
                "com/example/Application.class",
                "META-INF/tidemark/index/com.example.changes.idx",
                "META-INF/tidemark/index/com.example.changes.billing.idx",
                "META-INF/tidemark/index/com.example.changesother.idx",
                "META-INF/tidemark/index/com.example.idx");
    }

    /** What the JDK's reading gives for the same package tree, with the same fingerprint function. */
    private static JarCentralDirectory.PackageTree byTheJdk(Path jar, String packageName) throws IOException {
        String prefix = packageName.replace('.', '/') + "/";
        int classFiles = 0;
        long byContent = 0;
        try (JarFile file = new JarFile(jar.toFile())) {
            Enumeration<JarEntry> entries = file.entries();
            while (entries.hasMoreElements()) {
                JarEntry entry = entries.nextElement();
                String name = entry.getName();
                if (name.startsWith(prefix) && name.endsWith(".class")) {
                    CRC32 crc = new CRC32();
                    crc.update(
                            name.substring(0, name.length() - ".class".length()).getBytes(StandardCharsets.UTF_8));
                    byContent += ClassFilesFingerprint.entry(crc.getValue(), entry.getSize(), entry.getCrc());
                    classFiles++;
                }
            }
        }
        return new JarCentralDirectory.PackageTree(classFiles, byContent, List.of());
    }

    @Test
    void countsAndFingerprintsThePackageTreeAsTheJdkReadsIt() throws IOException {
        Path jar = typicalJar("");

        JarCentralDirectory.PackageTree tree =
                JarCentralDirectory.read(jar, PACKAGE).orElseThrow();

        JarCentralDirectory.PackageTree expected = byTheJdk(jar, PACKAGE);
        assertThat(tree.classFiles()).isEqualTo(4).isEqualTo(expected.classFiles());
        assertThat(tree.byContent()).isEqualTo(expected.byContent());
        assertThat(tree.indexes())
                .containsExactly(
                        "META-INF/tidemark/index/com.example.changes.idx",
                        "META-INF/tidemark/index/com.example.changes.billing.idx");
    }

    @Test
    void theFingerprintTellsJarsWithAnotherClassFileApart() throws IOException {
        long original =
                JarCentralDirectory.read(typicalJar(""), PACKAGE).orElseThrow().byContent();
        Path renamed = jar("", "com/example/changes/CreateOrders.class", "com/example/changes/SeedOrderz.class");
        Path same = jar("", "com/example/changes/CreateOrders.class", "com/example/changes/SeedOrders.class");

        assertThat(JarCentralDirectory.read(renamed, PACKAGE).orElseThrow().byContent())
                .isNotEqualTo(
                        JarCentralDirectory.read(same, PACKAGE).orElseThrow().byContent())
                .isNotEqualTo(original);
    }

    /** The path counts, not only the content: a class file renamed with the same bytes is told apart. */
    @Test
    void theFingerprintHashesThePathOfEachClassFile() throws IOException {
        Path first = jar("", "com/example/changes/ASame.class");
        Path renamed = jar("", "com/example/changes/BSame.class");
        Path moved = jar("", "com/example/changes/sub/ASame.class");

        long byFirst = JarCentralDirectory.read(first, PACKAGE).orElseThrow().byContent();
        assertThat(JarCentralDirectory.read(renamed, PACKAGE).orElseThrow().byContent())
                .isNotEqualTo(byFirst);
        assertThat(JarCentralDirectory.read(moved, PACKAGE).orElseThrow().byContent())
                .isNotEqualTo(byFirst);
        assertThat(byFirst).isEqualTo(byTheJdk(first, PACKAGE).byContent());
    }

    @Test
    void aJarCommentIsSkipped() throws IOException {
        Path plain = typicalJar("");
        Path commented = typicalJar("built by a tool that leaves a comment");

        assertThat(JarCentralDirectory.read(commented, PACKAGE))
                .isPresent()
                .isEqualTo(JarCentralDirectory.read(plain, PACKAGE));
    }

    /** The JDK might take an end record found in the comment: the pass gives up and the JDK decides. */
    @Test
    void aCommentHoldingAnEndSignatureGivesNothing() throws IOException {
        Path jar = typicalJar("a comment holding an end record's signature PK\u0005\u0006 with more text after it");

        assertThat(JarCentralDirectory.read(jar, PACKAGE)).isEmpty();
    }

    /** A class of the package for another Java version may be loaded instead of the base one. */
    @Test
    void aMultiReleaseJarWithAVersionOfAClassOfThePackageGivesNothing() throws IOException {
        Path versioned = jar(
                "",
                "com/example/changes/CreateOrders.class",
                "META-INF/versions/17/com/example/changes/CreateOrders.class");
        Path otherPackage =
                jar("", "com/example/changes/CreateOrders.class", "META-INF/versions/17/org/other/Helper.class");

        assertThat(JarCentralDirectory.read(versioned, PACKAGE)).isEmpty();
        assertThat(JarCentralDirectory.read(otherPackage, PACKAGE))
                .get()
                .extracting(JarCentralDirectory.PackageTree::classFiles)
                .isEqualTo(1);
    }

    /**
     * The pass looks at an entry's first byte before anything else: a package whose path starts with
     * the same letter as {@code META-INF/} still has its class files counted, and its versioned classes
     * still seen.
     */
    @Test
    void aPackageWhosePathStartsLikeMetaInfIsCountedAndItsVersionedClassesSeen() throws IOException {
        String packageName = "MIGRATIONS.changes";
        Path plain = jar(
                "",
                "MIGRATIONS/changes/CreateOrders.class",
                "MIGRATIONS/other/Helper.class",
                "META-INF/tidemark/index/MIGRATIONS.changes.idx",
                "META-INF/tidemark/index/MIGRATIONS.other.idx");
        Path versioned = jar(
                "",
                "MIGRATIONS/changes/CreateOrders.class",
                "META-INF/versions/17/MIGRATIONS/changes/CreateOrders.class");

        JarCentralDirectory.PackageTree tree =
                JarCentralDirectory.read(plain, packageName).orElseThrow();
        JarCentralDirectory.PackageTree expected = byTheJdk(plain, packageName);
        assertThat(tree.classFiles()).isEqualTo(1).isEqualTo(expected.classFiles());
        assertThat(tree.byContent()).isEqualTo(expected.byContent());
        assertThat(tree.indexes()).containsExactly("META-INF/tidemark/index/MIGRATIONS.changes.idx");
        assertThat(JarCentralDirectory.read(versioned, packageName)).isEmpty();
    }

    /** A zip whose end record counts more entries than its central directory holds is not followed. */
    @Test
    void anEntryCountThatDisagreesWithTheDirectoryGivesNothing() throws IOException {
        byte[] bytes = Files.readAllBytes(typicalJar(""));
        int end = bytes.length - 22;
        bytes[end + 8] = (byte) (bytes[end + 8] + 1);
        bytes[end + 10] = (byte) (bytes[end + 10] + 1);
        Path miscounted = Files.write(directory.resolve("miscounted.jar"), bytes);

        assertThat(JarCentralDirectory.read(miscounted, PACKAGE)).isEmpty();
    }

    @Test
    void aJarBehindALaunchScriptReadsTheSame() throws IOException {
        Path plain = typicalJar("");
        Path executable = directory.resolve("executable.jar");
        try (OutputStream out = Files.newOutputStream(executable)) {
            out.write("#!/bin/sh\nexec java -jar \"$0\" \"$@\"\n".getBytes(StandardCharsets.US_ASCII));
            out.write(Files.readAllBytes(plain));
        }

        assertThat(JarCentralDirectory.read(executable, PACKAGE))
                .contains(JarCentralDirectory.read(plain, PACKAGE).orElseThrow());
    }

    @Test
    void aFileThatIsNotAJarOrIsCutShortGivesNothing() throws IOException {
        Path text = Files.writeString(directory.resolve("not-a.jar"), "just text, no central directory");
        byte[] whole = Files.readAllBytes(typicalJar(""));
        Path cut = Files.write(directory.resolve("cut.jar"), Arrays.copyOf(whole, whole.length - 30));
        Path empty = Files.write(directory.resolve("empty.jar"), new byte[0]);

        assertThat(JarCentralDirectory.read(text, PACKAGE)).isEmpty();
        assertThat(JarCentralDirectory.read(cut, PACKAGE)).isEmpty();
        assertThat(JarCentralDirectory.read(empty, PACKAGE)).isEmpty();
    }

    @Test
    void aCentralDirectoryWithAnEntryOutOfPlaceGivesNothing() throws IOException {
        Path jar = typicalJar("");
        byte[] bytes = Files.readAllBytes(jar);
        int entry = lastIndexOf(bytes, new byte[] {'P', 'K', 1, 2});
        bytes[entry + 2] = 9;
        Path broken = Files.write(directory.resolve("broken.jar"), bytes);

        assertThat(JarCentralDirectory.read(broken, PACKAGE)).isEmpty();
    }

    @Test
    void aPackageTheJarDoesNotHoldHasNoClassFiles() throws IOException {
        Optional<JarCentralDirectory.PackageTree> tree = JarCentralDirectory.read(typicalJar(""), "org.elsewhere");

        assertThat(tree).contains(new JarCentralDirectory.PackageTree(0, 0, List.of()));
    }

    private static int lastIndexOf(byte[] bytes, byte[] part) {
        for (int i = bytes.length - part.length; i >= 0; i--) {
            if (Arrays.equals(bytes, i, i + part.length, part, 0, part.length)) {
                return i;
            }
        }
        throw new AssertionError("not found");
    }
}
