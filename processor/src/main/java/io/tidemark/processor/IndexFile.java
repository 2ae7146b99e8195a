package io.tidemark.processor;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.zip.CRC32;

/**
 * Writes the index of one package: {@code META-INF/tidemark/index/<package>.idx} in the class output,
 * beside the classes it describes. The core reads it ({@code io.tidemark.core.internal.loading.ChangeIndex});
 * the format is specified here, and both sides are tested against each
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
 * summary         &lt;units&gt; &lt;class files&gt; &lt;by time&gt; &lt;by content&gt;   counts, and the class files' aggregate
 *                                                        fingerprints (16 hex digits, see Fingerprint); by time counts
 *                                                        a file whose time is on a whole second by its content (an
 *                                                        earlier processor wrote "-" then, which the run time accepts)
 * facts           &lt;longest id&gt; &lt;longest author&gt; &lt;well-formed&gt; &lt;orders&gt;   lengths in UTF-16 units; "yes" when no
 *                                                        id or author holds an unpaired surrogate; "yes" when every
 *                                                        order is dot-separated segments of letters, digits, - and _
 * annotations     &lt;annotations&gt;                          the distinct annotations of all class files (commas)
 * uses            &lt;kind&gt; &lt;parameter type&gt;               one per distinct kind (constructor, execution, rollback) and
 *                                                        parameter type of the package's change units
 * rollback-uses   &lt;parameter type&gt;                       one per distinct parameter type of a change unit that has
 *                                                        a rollback
 * head            &lt;crc32&gt; &lt;length&gt;                     closes the head: CRC-32 of every byte before this line, and
 *                                                        the number of bytes after it (to the end of the file)
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
 * <p>The lines from {@code summary} to {@code rollback-uses} (revision 2 of version 1; a reader of
 * version 1 ignores them) let the run time decide an idle start from the head alone: the counts, one
 * fingerprint for all class files, and what the change units need, without a line per class file or
 * change unit. The {@code head} line (revision 3) closes the head, so that the run time reads and
 * checks only the head, whatever the number of change units: its checksum covers the head, its length
 * tells a file cut short or extended without reading the rest, and the {@code end} line's checksum
 * covers the whole file when the rest is read. The core refuses an index without a {@code summary} or
 * a {@code head} line, as one an earlier processor wrote. Since revision 4 the fingerprints hash each
 * class file's path from its class path root rather than its simple name (see {@link Fingerprint});
 * the run time finds that a revision 3 index does not match by fingerprint, and checks it class file
 * by class file instead.
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

    /** The length in bytes of the {@code end} line: {@code end}, a tab, 8 hex digits and a line feed. */
    private static final int END_LINE_LENGTH = 13;

    private IndexFile() {}

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
     * @param annotations  binary names of the annotations on the class, as javac generated it
     */
    record ClassFile(String name, long size, long crc32, long lastModified, List<String> annotations) {}

    /** A complete index of {@code packageName}: its class files and its change units in run order. */
    static String complete(String packageName, List<ClassFile> classFiles, List<IndexedChangeUnit> units) {
        StringBuilder text = header(packageName, "complete", Optional.empty());
        line(text, "digest", digestOf(units.stream().map(IndexedChangeUnit::id).toList()));
        summary(text, packageName, classFiles, units);
        StringBuilder rest = new StringBuilder();
        for (ClassFile file : classFiles) {
            line(
                    rest,
                    "class",
                    file.name(),
                    Long.toString(file.size()),
                    hex(file.crc32()),
                    Long.toString(file.lastModified()),
                    String.join(",", file.annotations()));
        }
        for (IndexedChangeUnit unit : units) {
            line(
                    rest,
                    "unit",
                    unit.simpleBinaryName(),
                    unit.id(),
                    unit.order(),
                    unit.recovery(),
                    unit.author(),
                    unit.description());
        }
        for (IndexedChangeUnit unit : units) {
            member(rest, "constructor", unit, unit.constructor());
            member(rest, "execution", unit, unit.execution());
            unit.rollback().ifPresent(rollback -> member(rest, "rollback", unit, rollback));
        }
        CRC32 headCrc = new CRC32();
        headCrc.update(text.toString().getBytes(StandardCharsets.UTF_8));
        line(
                text,
                "head",
                hex(headCrc.getValue()),
                Long.toString(rest.toString().getBytes(StandardCharsets.UTF_8).length + END_LINE_LENGTH));
        text.append(rest);
        return end(text);
    }

    /** The lines that let the run time decide from the head of the index, see the class description. */
    private static void summary(
            StringBuilder text, String packageName, List<ClassFile> classFiles, List<IndexedChangeUnit> units) {
        String directory = packageName.isEmpty() ? "" : packageName.replace('.', '/') + "/";
        long byTime = 0;
        long byContent = 0;
        Set<String> annotations = new TreeSet<>();
        for (ClassFile file : classFiles) {
            long contentEntry = Fingerprint.entry(directory + file.name(), file.size(), file.crc32());
            // A time on a whole second may be kept by a recompilation within that second (a file system
            // that keeps seconds), so such a file counts by its content, which the run time then reads.
            byTime += file.lastModified() % 1000 != 0
                    ? Fingerprint.entry(directory + file.name(), file.lastModified(), -1)
                    : contentEntry;
            byContent += contentEntry;
            annotations.addAll(file.annotations());
        }
        line(
                text,
                "summary",
                Integer.toString(units.size()),
                Integer.toString(classFiles.size()),
                hex64(byTime),
                hex64(byContent));
        int longestId = 0;
        int longestAuthor = 0;
        boolean wellFormed = true;
        boolean ordersValid = true;
        Set<String> uses = new TreeSet<>();
        Set<String> rollbackUses = new TreeSet<>();
        for (IndexedChangeUnit unit : units) {
            longestId = Math.max(longestId, unit.id().length());
            longestAuthor = Math.max(longestAuthor, unit.author().length());
            wellFormed &= wellFormed(unit.id()) && wellFormed(unit.author());
            ordersValid &= validOrder(unit.order());
            Map<String, IndexedChangeUnit.Member> members = new LinkedHashMap<>();
            members.put("constructor", unit.constructor());
            members.put("execution", unit.execution());
            unit.rollback().ifPresent(rollback -> members.put("rollback", rollback));
            members.forEach((kind, member) -> {
                member.parameterTypes().forEach(type -> uses.add(kind + "\t" + type));
                if (unit.rollback().isPresent()) {
                    rollbackUses.addAll(member.parameterTypes());
                }
            });
        }
        line(
                text,
                "facts",
                Integer.toString(longestId),
                Integer.toString(longestAuthor),
                wellFormed ? "yes" : "no",
                ordersValid ? "yes" : "no");
        line(text, "annotations", String.join(",", annotations));
        for (String use : uses) {
            int tab = use.indexOf('\t');
            line(text, "uses", use.substring(0, tab), use.substring(tab + 1));
        }
        rollbackUses.forEach(type -> line(text, "rollback-uses", type));
    }

    /** Whether {@code text} holds no unpaired surrogate. */
    private static boolean wellFormed(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    /** Whether {@code order} is segments of letters, digits, {@code -} and {@code _} separated by single dots. */
    private static boolean validOrder(String order) {
        return order.matches("[A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]+)*");
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

    private static void member(
            StringBuilder text, String kind, IndexedChangeUnit unit, IndexedChangeUnit.Member member) {
        line(
                text,
                kind,
                unit.simpleBinaryName(),
                member.declaringClass(),
                member.name(),
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

    private static String hex64(long value) {
        return String.format("%016x", value);
    }

    private static String hex(long crc32) {
        return String.format("%08x", crc32);
    }
}
