package io.tidemark.core.internal.loading;

/**
 * The aggregate fingerprint of a package's class files, as {@code tidemark-processor} writes it in the
 * index's {@code summary} line (its {@code Fingerprint} computes the same; the processor's tests check
 * that both agree). Each class file contributes {@link #entry}; the fingerprint is the sum of the
 * contributions modulo 2<sup>64</sup>, so the order a directory or a jar lists its files in does not
 * matter. By time: {@code entry(name, lastModified, -1)}; by content: {@code entry(name, size, crc32)}.
 *
 * <p>Why: comparing one value computed in a tight loop costs a fraction of looking every class file up
 * in a parsed index, which matters in a fresh JVM whose code is still interpreted. A mismatch proves
 * nothing by itself (a copy may have other times and the same content), so then the class files are
 * compared one by one, as before; only a match is trusted. The hash is not cryptographic: it guards
 * against a stale or copied index, not against someone who can write class files anyway.
 */
final class ClassFilesFingerprint {

    private ClassFilesFingerprint() {}

    /**
     * The contribution of one class file.
     *
     * @param name       the file name; only its first {@code nameLength} characters count (the name
     *                   without {@code .class})
     * @param nameLength how many characters of {@code name} count
     * @param a          the time, or the size
     * @param b          -1, or the CRC-32
     */
    static long entry(String name, int nameLength, long a, long b) {
        long hash = 0xcbf29ce484222325L;
        for (int i = 0; i < nameLength; i++) {
            hash = (hash ^ name.charAt(i)) * 0x100000001b3L;
        }
        return mix(hash ^ mix(a ^ mix(b)));
    }

    /** SplitMix64's finaliser: every input bit reaches every output bit. */
    private static long mix(long value) {
        long z = (value ^ (value >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
