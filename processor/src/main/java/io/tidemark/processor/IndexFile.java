package io.tidemark.processor;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.zip.CRC32;

/**
 * Writes the index of one package: {@code META-INF/tidemark/index/<package>.idx} in the class output,
 * beside the classes it describes. The core reads it ({@code io.tidemark.core.internal.loading.ChangeIndex});
 * the format is specified here and in the processor's README, and both sides are tested against each
 * other.
 *
 * <p>UTF-8 text, one record per line ending in {@code \n}, fields separated by a tab. Within a field
 * a backslash, tab, line feed and carriage return are written {@code \\}, {@code \t}, {@code \n} and
 * {@code \r}. Lines, in this order:
 *
 * <pre>
 * tidemark-index  1                                      format and version
 * package         com.example.changes                    the package described (its classes, not its sub-packages)
 * state           complete | pending | stale  [reason]   only a complete index may be used
 * digest          &lt;hex&gt;                                  SHA-256 of the package's change ids, as Tidemark.changeSetDigest()
 * class           &lt;name&gt; &lt;size&gt; &lt;crc32&gt; &lt;mtime&gt; &lt;annotations&gt;   one per class file of the package: name without
 *                                                        the package and ".class", size in bytes, CRC-32 of its bytes
 *                                                        (8 hex digits), last-modified time in epoch milliseconds,
 *                                                        binary names of the annotations on the class (commas)
 * unit            &lt;name&gt; &lt;id&gt; &lt;order&gt; &lt;recovery&gt; &lt;author&gt; &lt;description&gt;   one per change unit, in run order
 * constructor     &lt;name&gt; &lt;declaring class&gt; &lt;init&gt; &lt;parameter types&gt;
 * execution       &lt;name&gt; &lt;declaring class&gt; &lt;method&gt; &lt;parameter types&gt;
 * rollback        &lt;name&gt; &lt;declaring class&gt; &lt;method&gt; &lt;parameter types&gt;      only for change units that have one
 * end             &lt;crc32&gt;                                CRC-32 of every byte before this line (a cut or edited file fails)
 * </pre>
 *
 * <p>Parameter types are binary names separated by commas ({@code int}, {@code java.lang.String[]}).
 * A {@code pending} or {@code stale} index has only the first three lines and {@code end}: it
 * neutralises an index an earlier compilation left in the same output.
 */
final class IndexFile {

    /** Where the indexes are, in the class output. */
    static final String DIRECTORY = "META-INF/tidemark/index/";
    static final String FORMAT = "tidemark-index";
    static final int VERSION = 1;

    private IndexFile() {
    }

    /** The resource name of {@code packageName}'s index. */
    static String resourceName(String packageName) {
        return DIRECTORY + packageName + ".idx";
    }

    /**
     * One class file of the package.
     *
     * @param name         its name without package and {@code .class}
     * @param size         bytes
     * @param crc32        CRC-32 of its bytes
     * @param lastModified epoch milliseconds
     * @param annotations  binary names of the annotations on the class, as its source has them (none
     *                     known for anonymous and local classes)
     */
    record ClassFile(String name, long size, long crc32, long lastModified, List<String> annotations) {
    }

    /** A complete index of {@code packageName}: its class files and its change units in run order. */
    static String complete(String packageName, List<ClassFile> classFiles, List<IndexedChangeUnit> units) {
        StringBuilder text = header(packageName, "complete", Optional.empty());
        line(text, "digest", digestOf(units.stream().map(IndexedChangeUnit::id).toList()));
        for (ClassFile file : classFiles) {
            line(text, "class", file.name(), Long.toString(file.size()), hex(file.crc32()),
                    Long.toString(file.lastModified()), String.join(",", file.annotations()));
        }
        for (IndexedChangeUnit unit : units) {
            line(text, "unit", unit.simpleBinaryName(), unit.id(), unit.order(), unit.recovery(), unit.author(),
                    unit.description());
        }
        for (IndexedChangeUnit unit : units) {
            member(text, "constructor", unit, unit.constructor());
            member(text, "execution", unit, unit.execution());
            unit.rollback().ifPresent(rollback -> member(text, "rollback", unit, rollback));
        }
        return end(text);
    }

    /** An index that must not be used ({@code pending} or {@code stale}), saying why. */
    static String unusable(String packageName, String state, String reason) {
        return end(header(packageName, state, Optional.of(reason)));
    }

    /**
     * SHA-256 over the ids sorted by their UTF-16 code units, each written as
     * {@code <length of its UTF-8 bytes>:<id>} and a line feed, in lower-case hex: the core's
     * change-set digest.
     */
    static String digestOf(List<String> ids) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            ids.stream().sorted().forEach(id -> {
                byte[] bytes = id.getBytes(StandardCharsets.UTF_8);
                sha256.update((bytes.length + ":").getBytes(StandardCharsets.US_ASCII));
                sha256.update(bytes);
                sha256.update((byte) '\n');
            });
            return HexFormat.of().formatHex(sha256.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java runtime", e);
        }
    }

    private static StringBuilder header(String packageName, String state, Optional<String> reason) {
        StringBuilder text = new StringBuilder();
        line(text, FORMAT, Integer.toString(VERSION));
        line(text, "package", packageName);
        if (reason.isPresent()) {
            line(text, "state", state, reason.get());
        } else {
            line(text, "state", state);
        }
        return text;
    }

    private static void member(StringBuilder text, String kind, IndexedChangeUnit unit, IndexedChangeUnit.Member member) {
        line(text, kind, unit.simpleBinaryName(), member.declaringClass(), member.name(),
                String.join(",", member.parameterTypes()));
    }

    private static String end(StringBuilder text) {
        CRC32 crc = new CRC32();
        crc.update(text.toString().getBytes(StandardCharsets.UTF_8));
        line(text, "end", hex(crc.getValue()));
        return text.toString();
    }

    private static void line(StringBuilder text, String kind, String... fields) {
        text.append(kind);
        for (String field : fields) {
            text.append('\t');
            escape(text, field);
        }
        text.append('\n');
    }

    private static void escape(StringBuilder text, String field) {
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            switch (c) {
                case '\\' -> text.append("\\\\");
                case '\t' -> text.append("\\t");
                case '\n' -> text.append("\\n");
                case '\r' -> text.append("\\r");
                default -> text.append(c);
            }
        }
    }

    private static String hex(long crc32) {
        return String.format("%08x", crc32);
    }
}
