package io.tidemark.processor;

import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/**
 * The aggregate fingerprints of a package's class files that the index's {@code summary} line holds,
 * so that the run time can check a package with one value instead of one index line per class file.
 * The core computes the same functions ({@code io.tidemark.core.internal.loading.ClassFilesFingerprint});
 * the processor's tests check that both agree.
 *
 * <p>Each class file contributes {@link #entry}{@code (path, a, b)}, where {@code path} is the class
 * file's path in its class path root without {@code .class} ({@code com/example/changes/CreateOrders}),
 * hashed by its CRC-32 in UTF-8, which the run time computes over a jar's central directory without
 * making a string of any name. The fingerprint is the sum of the contributions modulo 2<sup>64</sup>,
 * so the order in which a directory or a jar lists its files does not matter, and the fingerprints of
 * a package and of the packages under it add up to that of the whole tree. Two fingerprints are kept:
 * by <em>time</em> ({@code a} = last-modified time in epoch milliseconds, {@code b} = -1), for class
 * files in a directory, where reading one time per file is all the check costs (a file whose time is on
 * a whole second, which a file system keeping seconds would keep across a recompilation, counts by its
 * content instead, and the run time reads that file); by <em>content</em>
 * ({@code a} = size, {@code b} = CRC-32), for a jar, whose central directory holds both. The hash is not
 * cryptographic: it guards against accidents (a stale or copied index), not against someone who can
 * write class files anyway.
 */
final class Fingerprint {

    private Fingerprint() {}

    /**
     * The contribution of one class file.
     *
     * @param path the class file's path in its class path root, without {@code .class}
     * @param a    the time, or the size
     * @param b    -1, or the CRC-32
     * @return the contribution to the sum
     */
    static long entry(String path, long a, long b) {
        CRC32 crc = new CRC32();
        crc.update(path.getBytes(StandardCharsets.UTF_8));
        return mix(crc.getValue() ^ mix(a ^ mix(b)));
    }

    /** SplitMix64's finaliser: every input bit reaches every output bit. */
    private static long mix(long value) {
        long z = (value ^ (value >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
