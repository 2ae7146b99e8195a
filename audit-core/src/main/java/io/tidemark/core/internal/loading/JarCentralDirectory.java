package io.tidemark.core.internal.loading;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.zip.CRC32;

/**
 * What an idle start's index check needs from a jar, read straight from the jar's central directory:
 * the number of class files under a package (its sub-packages included), their aggregate fingerprint
 * by content ({@link ClassFilesFingerprint}, from each entry's path, size and CRC-32), and the names of
 * the indexes of that package and those under it.
 *
 * <p>Why not {@link java.util.jar.JarFile#entries()}: it makes an entry object and a string for every
 * entry of the jar, which in a fresh JVM, whose code is still interpreted, costs about 12 ms for 10,000
 * entries before any work is done on them; this pass hashes each path in place with CRC-32 (one call
 * the JVM runs natively even before compiling anything), about 3 ms for the same jar. Measured in
 * fresh JVMs on a 10,000-class jar: the whole check went from about 20 to 5 ms.
 *
 * <p>The algorithm:
 * <ol>
 *   <li>Read the end of the file, and find the end-of-central-directory record by its signature,
 *       scanning back over a jar comment of at most 64 KiB; the record must end exactly at the end of
 *       the file (its comment's length says so), and no other end signature may come after it.</li>
 *   <li>Read the central directory: the bytes just before that record, of the size it gives (its
 *       offset is not used, so a jar behind a launch script reads the same).</li>
 *   <li>Walk its entries. An entry counts when its name ends in {@code .class}, starts with the
 *       package path's first byte, and its first bytes have the CRC-32 of the package's path and
 *       {@code /}: an entry of another package counted by a
 *       CRC collision can only make the counts or the sums disagree, which sends the start to the full
 *       check, never the other way. Each counted entry adds
 *       {@link ClassFilesFingerprint#entry}{@code (CRC-32 of its name without .class, size, CRC-32)}.</li>
 *   <li>Entries under {@code META-INF/tidemark/index/} named after the package or a package under it
 *       are the indexes to read.</li>
 * </ol>
 * Anything unexpected gives no result: no end record, another end signature after it (the JDK might
 * take that one), a ZIP64 locator or ZIP64 and multi-disk values, a signature or length out of place,
 * fewer or more entries than the end record says, or a multi-release jar holding classes of the
 * package under {@code META-INF/versions/}. The caller then leaves the decision to the full check,
 * which reads the jar through the JDK.
 */
final class JarCentralDirectory {

    private static final int END_RECORD = 0x06054b50;
    private static final int END_LENGTH = 22;
    private static final int ZIP64_LOCATOR = 0x07064b50;
    private static final int ZIP64_LOCATOR_LENGTH = 20;
    private static final int ENTRY_LENGTH = 46;
    private static final int MAX_COMMENT = 0xffff;
    /** Where a multi-release jar keeps the classes that override its base ones for a Java version. */
    private static final byte[] VERSIONS = "META-INF/versions/".getBytes(StandardCharsets.UTF_8);

    private JarCentralDirectory() {}

    /**
     * The class files and indexes of one package tree in a jar.
     *
     * @param classFiles the number of class files under the package, its sub-packages included
     * @param byContent  their aggregate fingerprint by content
     * @param indexes    the entry names of the indexes of the package and of the packages under it
     */
    record PackageTree(int classFiles, long byContent, List<String> indexes) {
        PackageTree {
            indexes = List.copyOf(indexes);
        }
    }

    /**
     * Reads {@code jar}'s central directory for {@code packageName}; empty when the file is not a jar
     * this reader follows (the caller then uses the JDK's own reading).
     */
    static Optional<PackageTree> read(Path jar, String packageName) throws IOException {
        try (RandomAccessFile file = new RandomAccessFile(jar.toFile(), "r")) {
            Optional<CentralDirectory> directory = centralDirectory(file);
            return directory.isEmpty() ? Optional.empty() : walk(directory.get(), packageName);
        }
    }

    /** The central directory's bytes and the number of entries the end record says it holds. */
    private record CentralDirectory(byte[] bytes, int entries) {}

    /**
     * The central directory the JDK reads too, or empty at the least doubt. The JDK takes the end record
     * nearest the end of the file that passes its checks, which include records whose comment does not
     * reach the end of the file, and follows a ZIP64 locator placed just before it: so another end
     * signature after the one taken here, or a ZIP64 locator, or ZIP64 and multi-disk values, give
     * nothing rather than a directory the class loader might not be using.
     */
    private static Optional<CentralDirectory> centralDirectory(RandomAccessFile file) throws IOException {
        long length = file.length();
        int tailLength = (int) Math.min(length, ZIP64_LOCATOR_LENGTH + END_LENGTH + MAX_COMMENT);
        byte[] tail = new byte[tailLength];
        file.seek(length - tailLength);
        file.readFully(tail);
        for (int end = tailLength - END_LENGTH; end >= 0; end--) {
            if (u32(tail, end) != END_RECORD) {
                continue;
            }
            if (end + END_LENGTH + u16(tail, end + 20) != tailLength) {
                return Optional.empty();
            }
            int entries = u16(tail, end + 10);
            if (u16(tail, end + 4) != 0
                    || u16(tail, end + 6) != 0
                    || u16(tail, end + 8) != entries
                    || entries == 0xffff
                    || u32(tail, end + 12) == 0xffffffffL
                    || u32(tail, end + 16) == 0xffffffffL
                    || end < ZIP64_LOCATOR_LENGTH && length > tailLength
                    || end >= ZIP64_LOCATOR_LENGTH && u32(tail, end - ZIP64_LOCATOR_LENGTH) == ZIP64_LOCATOR) {
                return Optional.empty();
            }
            long size = u32(tail, end + 12);
            long start = length - tailLength + end - size;
            if (start < 0 || size > Integer.MAX_VALUE) {
                return Optional.empty();
            }
            byte[] directory = new byte[(int) size];
            file.seek(start);
            // In pieces of 8 KiB, which the JDK reads through a buffer on the stack; one larger read
            // allocates a native buffer of the whole size first (0.9 MB for 10,000 entries: 1.3 ms
            // to read it at once in a fresh JVM, 0.9 ms in pieces).
            for (int read = 0; read < directory.length; read += 8192) {
                file.readFully(directory, read, Math.min(8192, directory.length - read));
            }
            return Optional.of(new CentralDirectory(directory, entries));
        }
        return Optional.empty();
    }

    private static Optional<PackageTree> walk(CentralDirectory central, String packageName) {
        Walk walk = new Walk(central.bytes(), packageName);
        int at = 0;
        int entries = 0;
        while (at < central.bytes().length) {
            at = walk.entry(at);
            if (at < 0) {
                return Optional.empty();
            }
            entries++;
        }
        if (entries != central.entries()) {
            return Optional.empty();
        }
        return Optional.of(new PackageTree(walk.classFiles, walk.byContent, walk.indexes));
    }

    /**
     * The walk over the entries, one {@link #entry} call per entry. Why a method per entry rather than
     * one loop: an idle start runs this early, while the JVM still interprets most code; the JIT
     * compiles a method after a few hundred calls, whereas a loop inside one call is compiled only
     * after tens of thousands of iterations, so with a loop a 10,000-entry jar was walked interpreted
     * from start to end. Measured on a 10,000-entry jar in fresh JVMs (medians of 9): the first walk
     * 4.0 ms as one loop, 2.8 ms this way; a second walk in the same JVM 3.3 and 1.9 ms.
     */
    private static final class Walk {
        private final byte[] directory;
        private final byte[] path;
        private final byte first;
        private final long pathCrc;
        private final byte[] indexName;
        private final CRC32 crc = new CRC32();
        private final List<String> indexes = new ArrayList<>();
        private int classFiles;
        private long byContent;

        Walk(byte[] directory, String packageName) {
            this.directory = directory;
            this.path = (packageName.replace('.', '/') + "/").getBytes(StandardCharsets.UTF_8);
            this.first = path[0];
            this.indexName = (ChangeIndex.DIRECTORY + packageName).getBytes(StandardCharsets.UTF_8);
            crc.update(path);
            this.pathCrc = crc.getValue();
        }

        /**
         * Reads the entry at {@code at}; returns where the next one starts, or -1 when the entry is
         * not as expected or is another version of a class of the package.
         */
        int entry(int at) {
            if (at + ENTRY_LENGTH > directory.length
                    || directory[at] != 'P'
                    || directory[at + 1] != 'K'
                    || directory[at + 2] != 1
                    || directory[at + 3] != 2) {
                return -1;
            }
            int nameLength = u16(directory, at + 28);
            int name = at + ENTRY_LENGTH;
            int next = name + nameLength + u16(directory, at + 30) + u16(directory, at + 32);
            if (next > directory.length) {
                return -1;
            }
            byte initial = nameLength == 0 ? 0 : directory[name];
            if (initial == 'M') {
                if (isVersionedUnder(directory, name, nameLength, path)) {
                    return -1;
                }
                if (isIndexOf(directory, name, nameLength, indexName)) {
                    indexes.add(new String(directory, name, nameLength, StandardCharsets.UTF_8));
                }
            }
            if (initial == first
                    && nameLength > path.length + 6
                    && directory[name + nameLength - 1] == 's'
                    && directory[name + nameLength - 6] == '.') {
                crc.reset();
                crc.update(directory, name, path.length);
                if (crc.getValue() == pathCrc) {
                    // Continue from the package's path to the whole name without ".class".
                    crc.update(directory, name + path.length, nameLength - 6 - path.length);
                    byContent += ClassFilesFingerprint.entry(
                            crc.getValue(), u32(directory, at + 24), u32(directory, at + 16));
                    classFiles++;
                }
            }
            return next;
        }
    }

    /** Whether the name is {@code META-INF/tidemark/index/<package>.idx} or {@code <package>.<sub>.idx}. */
    private static boolean isIndexOf(byte[] directory, int name, int nameLength, byte[] indexName) {
        if (nameLength < indexName.length + ".idx".length()) {
            return false;
        }
        for (int i = 0; i < indexName.length; i++) {
            if (directory[name + i] != indexName[i]) {
                return false;
            }
        }
        int end = name + nameLength;
        return directory[name + indexName.length] == '.'
                && directory[end - 4] == '.'
                && directory[end - 3] == 'i'
                && directory[end - 2] == 'd'
                && directory[end - 1] == 'x';
    }

    /**
     * Whether the name is {@code META-INF/versions/<n>/<package path>...}: a multi-release jar's class
     * of the package for another Java version, which the class loader may load instead of the base one.
     */
    private static boolean isVersionedUnder(byte[] directory, int name, int nameLength, byte[] path) {
        if (nameLength <= VERSIONS.length + path.length || !startsWith(directory, name, VERSIONS)) {
            return false;
        }
        int slash = name + VERSIONS.length;
        int end = name + nameLength;
        while (slash < end && directory[slash] != '/') {
            slash++;
        }
        return end - slash - 1 >= path.length && startsWith(directory, slash + 1, path);
    }

    private static boolean startsWith(byte[] bytes, int at, byte[] prefix) {
        for (int i = 0; i < prefix.length; i++) {
            if (bytes[at + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static int u16(byte[] bytes, int at) {
        return (bytes[at] & 0xff) | (bytes[at + 1] & 0xff) << 8;
    }

    private static long u32(byte[] bytes, int at) {
        return ((long) u16(bytes, at + 2) << 16) | u16(bytes, at);
    }
}
