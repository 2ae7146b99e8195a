package io.tidemark.core.internal.loading;

/**
 * The aggregate fingerprint of a package's class files, as {@code tidemark-processor} writes it in the
 * index's {@code summary} line (its {@code Fingerprint} computes the same; the processor's tests check
 * that both agree). Each class file contributes {@link #entry}, from the CRC-32 of its path in its class
 * path root without {@code .class} (UTF-8, {@code com/example/changes/CreateOrders}); the fingerprint is
 * the sum of the contributions modulo 2<sup>64</sup>, so the order a directory or a jar lists its files
 * in does not matter, and the fingerprints of the packages of a tree add up to the tree's. By time:
 * {@code entry(pathCrc, lastModified, -1)}, except for a file whose time is on a whole second, which a
 * file system keeping seconds would keep across a recompilation: it counts by content, as in the other
 * fingerprint; by content: {@code entry(pathCrc, size, crc32)}.
 *
 * <p>Why: comparing one value computed in a tight loop costs a fraction of looking every class file up
 * in a parsed index, which matters in a fresh JVM whose code is still interpreted; the path is hashed
 * by CRC-32, which the JVM runs natively from the start, where a hash loop of our own would run
 * interpreted (about 6 ms for 10,000 names). A mismatch proves nothing by itself (a copy may have other
 * times and the same content), so then the class files are compared one by one; only a match is
 * trusted. The hash is not cryptographic: it guards against a stale or copied index, not against
 * someone who can write class files anyway.
 */
final class ClassFilesFingerprint {

    private ClassFilesFingerprint() {}

    /**
     * The contribution of one class file.
     *
     * @param pathCrc the CRC-32 of the class file's path without {@code .class}
     * @param a       the time, or the size
     * @param b       -1, or the CRC-32
     */
    static long entry(long pathCrc, long a, long b) {
        return mix(pathCrc ^ mix(a ^ mix(b)));
    }

    /** SplitMix64's finaliser: every input bit reaches every output bit. */
    private static long mix(long value) {
        long z = (value ^ (value >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
