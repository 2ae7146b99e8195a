package io.tidemark.core.internal.loading;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.CRC32;

/**
 * One package's build-time index, as {@code tidemark-processor} writes it to
 * {@code META-INF/tidemark/index/<package>.idx} beside the package's classes (the format is
 * specified in the processor's {@code IndexFile}): the package's class files with
 * their fingerprints, and its change units with the values of their {@code @ChangeUnit} and the
 * parameter types of the members the engine calls.
 *
 * <p>Reading an index loads no class. {@link #parse} accepts only a whole, intact, {@code complete}
 * index of the format version it knows, for the package it is asked about; anything else is
 * {@link Parsed.Unusable} with the reason, and Tidemark scans instead. An index without a
 * {@code summary} or {@code head} line (revisions 2 and 3 of the format, see {@link Head}) was written
 * by an earlier processor and is refused as well.
 *
 * <p>{@link #parseHead} reads only the lines up to the {@code head} line, which closes the head: what
 * an idle start needs ({@link Head}), so that neither reading nor checking the index grows with the
 * number of change units (at 10,000 change units the whole file is about 2.7 MB, its head well under
 * 1 KB; from a jar it would have to be inflated too). The head is checked by its own checksum, and the
 * file's length against the length the head records for the rest, so an index edited in its head,
 * cut short or extended is refused before anything is decided from it. The rest (a line per class file
 * and per change unit) is checked by the checksum of the {@code end} line when it is read: only when
 * something needs it (the list of changes of a report, or loading the classes). An edit there cannot
 * change an idle start's decision, which the head alone makes; when it is read, it is refused, and the
 * classes are loaded instead.
 *
 * @param packageName the package described (its own classes; each sub-package has its own index)
 * @param digest      SHA-256 of the package's change ids, as {@code Tidemark.changeSetDigest()} computes it
 * @param classes     every class file of the package by name (without package and {@code .class})
 * @param units       the package's change units, in the order the processor sorted them
 * @param members     parameter types of each change unit's constructor, execution and rollback
 */
record ChangeIndex(
        String packageName, String digest, Map<String, ClassFile> classes, List<Unit> units, List<Member> members) {

    /** Where indexes are, relative to a class path root. */
    static final String DIRECTORY = "META-INF/tidemark/index/";

    private static final String FORMAT = "tidemark-index";
    private static final String VERSION = "1";

    /** How the line that closes the head starts. */
    private static final String HEAD_LINE = "head\t";

    /** How far {@link #readHead} reads for the head line; no processor writes a head this long. */
    private static final int MAX_HEAD = 1 << 20;

    /** The resource name of {@code packageName}'s index. */
    static String resourceName(String packageName) {
        return DIRECTORY + packageName + ".idx";
    }

    /**
     * A class file as the processor saw it just after javac wrote it.
     *
     * @param size         bytes
     * @param crc32        CRC-32 of its bytes
     * @param lastModified epoch milliseconds
     * @param annotations  the binary names of the annotations on the class, as written in its source
     */
    record ClassFile(long size, long crc32, long lastModified, List<String> annotations) {}

    /**
     * A change unit: its class (name within the package) and its {@code @ChangeUnit} values.
     *
     * @param className   binary name without the package ({@code Outer$Nested} for a nested class)
     * @param id          the change id
     * @param order       its order
     * @param recovery    the name of its {@code Recovery}
     * @param author      its author
     * @param description its description
     */
    record Unit(String className, String id, String order, String recovery, String author, String description) {}

    /**
     * A constructor or method the engine calls on a change unit.
     *
     * @param kind           {@code constructor}, {@code execution} or {@code rollback}
     * @param className      the change unit (within the package)
     * @param parameterTypes binary names of the parameter types
     */
    record Member(String kind, String className, List<String> parameterTypes) {}

    /**
     * The head of an index: everything before its first {@code class} line. Enough to check the
     * package's class files against one aggregate fingerprint ({@link ClassFilesFingerprint}) and to
     * pre-check its change units, without a line per class file or change unit.
     *
     * @param packageName  the package described
     * @param digest       the change set's digest
     * @param units        how many change units the package has
     * @param classFiles   how many class files it has
     * @param byTime       the class files' fingerprint by name and time; empty when a time is on a whole
     *                     second (it may be coarse, so the content must decide)
     * @param byContent    the class files' fingerprint by name, size and CRC-32
     * @param longestId    the length of the longest change id
     * @param longestAuthor the length of the longest author
     * @param wellFormed   whether no id or author holds an unpaired surrogate
     * @param ordersValid  whether every order is well-formed (as {@link VersionOrder#problemWith} checks)
     * @param annotations  the distinct annotations on the package's class files
     * @param uses         each distinct kind ({@code constructor}, {@code execution}, {@code rollback}) and
     *                     parameter type, as {@code kind + " " + type}
     * @param rollbackUses the distinct parameter types of the change units that have a rollback
     * @param checksum     the CRC-32 of the head's bytes, as its {@code head} line holds it: the whole
     *                     index read later must have the same head
     */
    record Head(
            String packageName,
            String digest,
            int units,
            int classFiles,
            Optional<Long> byTime,
            long byContent,
            int longestId,
            int longestAuthor,
            boolean wellFormed,
            boolean ordersValid,
            List<String> annotations,
            List<String> uses,
            List<String> rollbackUses,
            long checksum) {}

    /** What reading the head of an index file gave. */
    sealed interface ParsedHead {
        /** An intact, complete index of the package asked about, with its summary. */
        record Usable(Head head) implements ParsedHead {}

        /** Not to be used, and why. */
        record Unusable(String reason) implements ParsedHead {}
    }

    /**
     * Reads the head of the index of {@code expectedPackage} from {@code bytes}: the file's first
     * bytes, at least up to the end of its {@code head} line ({@link #readHead}), or all of it. The
     * head is checked by the checksum its {@code head} line holds, and {@code fileLength}, the length
     * of the whole file, against the length that line records for the rest: a file cut short or
     * extended is refused without reading it. The rest of the file is checked when it is read
     * ({@link #parse}).
     *
     * @param expectedPackage the package whose index this should be
     * @param bytes           the file's first bytes, or all of them
     * @param fileLength      the length of the whole file, in bytes
     * @return the head, or why the index must not be used
     */
    static ParsedHead parseHead(String expectedPackage, byte[] bytes, long fileLength) {
        try {
            Object result = readHead(expectedPackage, bytes, fileLength);
            return result instanceof Head head
                    ? new ParsedHead.Usable(head)
                    : new ParsedHead.Unusable(((Parsed.Unusable) result).reason());
        } catch (RuntimeException e) {
            return new ParsedHead.Unusable("it is malformed (" + e.getMessage() + ")");
        }
    }

    /**
     * The first bytes of an index file, up to the end of its {@code head} line, read from {@code in}
     * without reading further (so a large index costs an idle start only its head), each byte looked at
     * once; only the first line when it is not an index's, and at most about {@value #MAX_HEAD} bytes
     * when there is no head line. {@link #parseHead} refuses what is not a whole head.
     *
     * @param in the index file, from its first byte
     * @return the bytes read
     * @throws IOException when {@code in} cannot be read
     */
    static byte[] readHead(InputStream in) throws IOException {
        byte[] buffer = new byte[8192];
        int length = 0;
        int scanned = 0;
        int lineStart = 0;
        while (length < MAX_HEAD) {
            if (length == buffer.length) {
                buffer = Arrays.copyOf(buffer, buffer.length * 2);
            }
            int read = in.read(buffer, length, buffer.length - length);
            if (read < 0) {
                break;
            }
            length += read;
            for (; scanned < length; scanned++) {
                if (buffer[scanned] != '\n') {
                    continue;
                }
                boolean notAnIndex = lineStart == 0 && !startsWith(buffer, 0, scanned, FORMAT + "\t");
                if (notAnIndex || startsWith(buffer, lineStart, scanned, HEAD_LINE)) {
                    return Arrays.copyOf(buffer, scanned + 1);
                }
                lineStart = scanned + 1;
            }
        }
        return Arrays.copyOf(buffer, length);
    }

    /**
     * The end (after its line feed) of the {@code head} line that starts at or after {@code from}, or
     * -1 when {@code bytes[0, length)} holds no whole one.
     */
    private static int endOfHeadLine(byte[] bytes, int from, int length) {
        for (int i = Math.max(from, 1); i + HEAD_LINE.length() <= length; i++) {
            if (bytes[i - 1] == '\n' && startsWith(bytes, i, length, HEAD_LINE)) {
                for (int j = i + HEAD_LINE.length(); j < length; j++) {
                    if (bytes[j] == '\n') {
                        return j + 1;
                    }
                }
                return -1;
            }
        }
        return -1;
    }

    /** What reading an index file gave. */
    sealed interface Parsed {
        /**
         * An intact, complete index of the package asked about.
         *
         * @param index the whole index
         * @param head  its head, as {@link #parseHead} reads it
         */
        record Usable(ChangeIndex index, Head head) implements Parsed {}

        /** Not to be used, and why. */
        record Unusable(String reason) implements Parsed {}
    }

    /**
     * Reads the whole index of {@code expectedPackage} from {@code bytes}: its head as
     * {@link #parseHead} checks it, and the whole file by the checksum of its {@code end} line.
     */
    static Parsed parse(String expectedPackage, byte[] bytes) {
        try {
            return read(expectedPackage, bytes);
        } catch (RuntimeException e) {
            return new Parsed.Unusable("it is malformed (" + e.getMessage() + ")");
        }
    }

    /** The head of the index, or {@link Parsed.Unusable} when it cannot be used. */
    private static Object readHead(String expectedPackage, byte[] bytes, long fileLength) {
        Optional<Parsed.Unusable> format = checkFormat(bytes);
        if (format.isPresent()) {
            return format.get();
        }
        int headLine = -1;
        int headLineEnd = endOfHeadLine(bytes, 0, bytes.length);
        if (headLineEnd >= 0) {
            headLine = headLineEnd - 2;
            while (bytes[headLine] != '\n') {
                headLine--;
            }
            headLine++;
        }
        Lines lines = new Lines();
        Optional<Parsed.Unusable> refused = lines.read(bytes, headLine >= 0 ? headLine : bytes.length);
        if (refused.isPresent()) {
            return refused.get();
        }
        if (headLine < 0) {
            return new Parsed.Unusable(
                    lines.summary == null
                            ? "it was written by an earlier tidemark-processor (it has no summary line); rebuild with "
                                    + "the tidemark-processor of the same version as tidemark-audit-core"
                            : "it has no head line (cut short, or written by an earlier tidemark-processor; rebuild "
                                    + "with the tidemark-processor of the same version as tidemark-audit-core)");
        }
        List<String> head = fields(new String(bytes, headLine, headLineEnd - 1 - headLine, StandardCharsets.UTF_8));
        CRC32 crc = new CRC32();
        crc.update(bytes, 0, headLine);
        if (!field(head, 1).equals(String.format("%08x", crc.getValue()))) {
            return new Parsed.Unusable(
                    "the file was changed after the processor wrote it (the checksum of its head does not match)");
        }
        long rest = Long.parseLong(field(head, 2));
        if (fileLength != headLineEnd + rest) {
            return new Parsed.Unusable("the file is cut short or was extended after the processor wrote it ("
                    + (fileLength - headLineEnd) + " bytes after its head, where the processor wrote " + rest + ")");
        }
        return lines.head(expectedPackage, crc.getValue());
    }

    /** The whole index, or {@link Parsed.Unusable} when it cannot be used. */
    private static Parsed read(String expectedPackage, byte[] bytes) {
        Optional<Parsed.Unusable> format = checkFormat(bytes);
        if (format.isPresent()) {
            return format.get();
        }
        int last = bytes.length - 1;
        int endLine = last - 1;
        while (endLine >= 0 && bytes[endLine] != '\n') {
            endLine--;
        }
        String closing = last > 0 && bytes[last] == '\n' && endLine >= 0
                ? new String(bytes, endLine + 1, last - endLine - 1, StandardCharsets.UTF_8)
                : "";
        if (!closing.startsWith("end\t")) {
            return new Parsed.Unusable("the file is cut short (no end line)");
        }
        CRC32 crc = new CRC32();
        crc.update(bytes, 0, endLine + 1);
        if (!closing.substring(4).equals(String.format("%08x", crc.getValue()))) {
            return new Parsed.Unusable(
                    "the file was changed after the processor wrote it (its checksum does not match)");
        }
        Object headOrRefusal = readHead(expectedPackage, bytes, bytes.length);
        if (!(headOrRefusal instanceof Head head)) {
            return (Parsed.Unusable) headOrRefusal;
        }
        Lines lines = new Lines();
        Optional<Parsed.Unusable> refused = lines.read(bytes, endLine + 1);
        if (refused.isPresent()) {
            return refused.get();
        }
        return new Parsed.Usable(
                new ChangeIndex(lines.packageName, lines.digest, lines.classes, lines.units, lines.members), head);
    }

    /** The index's first line must name this format and version. */
    private static Optional<Parsed.Unusable> checkFormat(byte[] bytes) {
        int firstLine = 0;
        while (firstLine < bytes.length && bytes[firstLine] != '\n') {
            firstLine++;
        }
        List<String> header = fields(new String(bytes, 0, firstLine, StandardCharsets.UTF_8));
        if (!header.get(0).equals(FORMAT) || header.size() != 2) {
            return Optional.of(new Parsed.Unusable("it is not a Tidemark change-unit index"));
        }
        if (!header.get(1).equals(VERSION)) {
            return Optional.of(new Parsed.Unusable(
                    "it has format version " + header.get(1) + ", and this Tidemark reads " + "version " + VERSION
                            + " (use the tidemark-processor of the same version as tidemark-audit-core)"));
        }
        return Optional.empty();
    }

    /** The values of an index's lines, as they are read. */
    private static final class Lines {
        private String packageName;
        private String digest;
        private List<String> summary;
        private List<String> facts = List.of("0", "0", "no", "no");
        private List<String> annotations = List.of();
        private final List<String> uses = new ArrayList<>();
        private final List<String> rollbackUses = new ArrayList<>();
        private final Map<String, ClassFile> classes = new HashMap<>();
        private final List<Unit> units = new ArrayList<>();
        private final List<Member> members = new ArrayList<>();
        private boolean stateSeen;

        /**
         * Reads the lines after the first up to {@code end}; refuses an index the processor did not mark
         * complete, and one that lacks its package, state or digest line.
         */
        Optional<Parsed.Unusable> read(byte[] bytes, int end) {
            String text = new String(bytes, 0, end, StandardCharsets.UTF_8);
            int start = text.indexOf('\n') + 1;
            while (start > 0 && start < text.length()) {
                int lineEnd = text.indexOf('\n', start);
                if (lineEnd < 0) {
                    lineEnd = text.length();
                }
                List<String> fields = fields(text.substring(start, lineEnd));
                start = lineEnd + 1;
                Optional<Parsed.Unusable> refused = line(fields);
                if (refused.isPresent()) {
                    return refused;
                }
            }
            if (packageName == null || !stateSeen || digest == null) {
                return Optional.of(new Parsed.Unusable("it lacks its package, state or digest line"));
            }
            return Optional.empty();
        }

        private Optional<Parsed.Unusable> line(List<String> fields) {
            String kind = fields.get(0);
            switch (kind) {
                case "package" -> packageName = field(fields, 1);
                case "state" -> {
                    stateSeen = true;
                    String state = field(fields, 1);
                    if (!state.equals("complete")) {
                        return Optional.of(new Parsed.Unusable("the processor marked it " + state
                                + fields.stream()
                                        .skip(2)
                                        .findFirst()
                                        .map(reason -> ": " + reason)
                                        .orElse("")));
                    }
                }
                case "digest" -> digest = field(fields, 1);
                case "summary" -> summary = fields;
                case "facts" -> facts = fields.subList(1, 5);
                case "annotations" -> annotations = list(field(fields, 1));
                case "uses" -> uses.add(field(fields, 1) + " " + field(fields, 2));
                case "rollback-uses" -> rollbackUses.add(field(fields, 1));
                case "class" ->
                    classes.put(
                            field(fields, 1),
                            new ClassFile(
                                    Long.parseLong(field(fields, 2)),
                                    Long.parseLong(field(fields, 3), 16),
                                    Long.parseLong(field(fields, 4)),
                                    list(field(fields, 5))));
                case "unit" ->
                    units.add(new Unit(
                            field(fields, 1),
                            field(fields, 2),
                            field(fields, 3),
                            field(fields, 4),
                            field(fields, 5),
                            field(fields, 6)));
                case "constructor", "execution", "rollback" ->
                    members.add(new Member(kind, field(fields, 1), list(field(fields, 4))));
                default -> {
                    // A line kind this version does not know (head and end included): ignored, as the
                    // format allows additions.
                }
            }
            return Optional.empty();
        }

        /** The head these lines describe, once they are known to be the index of {@code expectedPackage}. */
        Object head(String expectedPackage, long checksum) {
            if (!packageName.equals(expectedPackage)) {
                return new Parsed.Unusable("it describes package " + packageName + ", not " + expectedPackage
                        + " (copied from another package or module?)");
            }
            if (summary == null) {
                return new Parsed.Unusable("it was written by an earlier tidemark-processor (it has no summary line); "
                        + "rebuild with the tidemark-processor of the same version as tidemark-audit-core");
            }
            return new Head(
                    packageName,
                    digest,
                    Integer.parseInt(field(summary, 1)),
                    Integer.parseInt(field(summary, 2)),
                    field(summary, 3).equals("-")
                            ? Optional.empty()
                            : Optional.of(Long.parseUnsignedLong(field(summary, 3), 16)),
                    Long.parseUnsignedLong(field(summary, 4), 16),
                    Integer.parseInt(facts.get(0)),
                    Integer.parseInt(facts.get(1)),
                    facts.get(2).equals("yes"),
                    facts.get(3).equals("yes"),
                    annotations,
                    List.copyOf(uses),
                    List.copyOf(rollbackUses),
                    checksum);
        }
    }

    private static boolean startsWith(byte[] bytes, int start, int end, String prefix) {
        if (end - start < prefix.length()) {
            return false;
        }
        for (int i = 0; i < prefix.length(); i++) {
            if (bytes[start + i] != prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** The class file {@code name}, if the index lists it. */
    Optional<ClassFile> classFile(String name) {
        return Optional.ofNullable(classes.get(name));
    }

    /** The fields of {@code line} (without its line feed), unescaped. */
    private static List<String> fields(String line) {
        List<String> fields = new ArrayList<>(8);
        int from = 0;
        while (true) {
            int tab = line.indexOf('\t', from);
            if (tab < 0) {
                fields.add(unescape(line.substring(from)));
                return fields;
            }
            fields.add(unescape(line.substring(from, tab)));
            from = tab + 1;
        }
    }

    private static String field(List<String> fields, int index) {
        if (index >= fields.size()) {
            throw new IllegalArgumentException("a " + fields.get(0) + " line has " + fields.size() + " fields");
        }
        return fields.get(index);
    }

    private static List<String> list(String commaSeparated) {
        return commaSeparated.isEmpty() ? List.of() : List.of(commaSeparated.split(","));
    }

    private static String unescape(String field) {
        if (field.indexOf('\\') < 0) {
            return field;
        }
        StringBuilder text = new StringBuilder(field.length());
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            if (c == '\\' && i + 1 < field.length()) {
                char next = field.charAt(++i);
                text.append(
                        switch (next) {
                            case 't' -> '\t';
                            case 'n' -> '\n';
                            case 'r' -> '\r';
                            default -> next;
                        });
            } else {
                text.append(c);
            }
        }
        return text.toString();
    }
}
