package io.tidemark.processor;

/**
 * The aggregate fingerprints of a package's class files that the index's {@code summary} line holds,
 * so that the run time can check a package with one value instead of one index line per class file.
 * The core computes the same functions ({@code io.tidemark.core.internal.loading.ClassFilesFingerprint});
 * the processor's tests check that both agree.
 *
 * <p>Each class file contributes {@link #entry}{@code (name, a, b)}; the fingerprint is the sum of the
 * contributions modulo 2<sup>64</sup>, so the order in which a directory or a jar lists its files does
 * not matter. Two fingerprints are kept: by <em>time</em> ({@code a} = last-modified time in epoch
 * milliseconds, {@code b} = -1), for class files in a directory, where reading one time per file is all
 * the check costs; by <em>content</em> ({@code a} = size, {@code b} = CRC-32), for a jar, whose central
 * directory holds both. The hash is not cryptographic: it guards against accidents (a stale or copied
 * index), not against someone who can write class files anyway.
 */
final class Fingerprint {

    private Fingerprint() {}

    /**
     * The contribution of one class file.
     *
     * @param name       the class file's name; only its first {@code nameLength} characters count (the
     *                   name without {@code .class})
     * @param nameLength how many characters of {@code name} count
     * @param a          the time, or the size
     * @param b          -1, or the CRC-32
     * @return the contribution to the sum
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
