package io.tidemark.core.internal.loading;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.CRC32;

/**
 * One package's build-time index, as {@code tidemark-processor} writes it to
 * {@code META-INF/tidemark/index/<package>.idx} beside the package's classes (the format is
 * specified in the processor's {@code IndexFile} and its README): the package's class files with
 * their fingerprints, and its change units with the values of their {@code @ChangeUnit} and the
 * parameter types of the members the engine calls.
 *
 * <p>Reading an index loads no class. {@link #parse} accepts only a whole, intact, {@code complete}
 * index of the format version it knows, for the package it is asked about; anything else is
 * {@link Parsed.Unusable} with the reason, and Tidemark scans instead. An index without a
 * {@code summary} line (revision 2 of the format, see {@link Head}) was written by an earlier processor
 * and is refused as well.
 *
 * <p>{@link #parseHead} reads only the lines before the first class file: what an idle start needs
 * ({@link Head}), so that its cost does not grow with the number of change units. It still checks the
 * whole file's checksum (one pass of the JDK's CRC-32 over the bytes): an index edited or cut anywhere
 * is refused before anything is decided from it.
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
            List<String> rollbackUses) {}

    /** What reading the head of an index file gave. */
    sealed interface ParsedHead {
        /** An intact, complete index of the package asked about, with its summary. */
        record Usable(Head head) implements ParsedHead {}

        /** Not to be used, and why. */
        record Unusable(String reason) implements ParsedHead {}
    }

    /** Reads the head of the index of {@code expectedPackage} from {@code bytes}, checking the whole file. */
    static ParsedHead parseHead(String expectedPackage, byte[] bytes) {
        try {
            Object result = read(expectedPackage, bytes, true);
            return result instanceof Head head
                    ? new ParsedHead.Usable(head)
                    : new ParsedHead.Unusable(((Parsed.Unusable) result).reason());
        } catch (RuntimeException e) {
            return new ParsedHead.Unusable("it is malformed (" + e.getMessage() + ")");
        }
    }

    /** What reading an index file gave. */
    sealed interface Parsed {
        /** An intact, complete index of the package asked about. */
        record Usable(ChangeIndex index) implements Parsed {}

        /** Not to be used, and why. */
        record Unusable(String reason) implements Parsed {}
    }

    /** Reads the index of {@code expectedPackage} from {@code bytes}. */
    static Parsed parse(String expectedPackage, byte[] bytes) {
        try {
            Object result = read(expectedPackage, bytes, false);
            return result instanceof Parsed parsed ? parsed : new Parsed.Unusable("it is not what was asked for");
        } catch (RuntimeException e) {
            return new Parsed.Unusable("it is malformed (" + e.getMessage() + ")");
        }
    }

    /**
     * Checks and reads the index: {@link Parsed.Unusable} when it cannot be used; else its {@link Head}
     * when {@code headOnly}, the whole index ({@link Parsed.Usable}) otherwise.
     */
    private static Object read(String expectedPackage, byte[] bytes, boolean headOnly) {
        int firstLine = 0;
        while (firstLine < bytes.length && bytes[firstLine] != '\n') {
            firstLine++;
        }
        List<String> header = fields(new String(bytes, 0, firstLine, StandardCharsets.UTF_8), 0, firstLine);
        if (!header.get(0).equals(FORMAT) || header.size() != 2) {
            return new Parsed.Unusable("it is not a Tidemark change-unit index");
        }
        if (!header.get(1).equals(VERSION)) {
            return new Parsed.Unusable(
                    "it has format version " + header.get(1) + ", and this Tidemark reads " + "version " + VERSION
                            + " (use the tidemark-processor of the same version as tidemark-audit-core)");
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
        String packageName = null;
        String state = null;
        String digest = null;
        List<String> summary = null;
        List<String> facts = List.of("0", "0", "no", "no");
        List<String> annotations = List.of();
        List<String> uses = new ArrayList<>();
        List<String> rollbackUses = new ArrayList<>();
        int headEnd = headOnly ? endOfHead(bytes, endLine + 1) : endLine + 1;
        String text = new String(bytes, 0, headEnd, StandardCharsets.UTF_8);
        Map<String, ClassFile> classes = new HashMap<>();
        List<Unit> units = new ArrayList<>();
        List<Member> members = new ArrayList<>();
        int start = text.indexOf('\n') + 1;
        while (start < text.length()) {
            int end = text.indexOf('\n', start);
            List<String> fields = fields(text, start, end);
            start = end + 1;
            String kind = fields.get(0);
            switch (kind) {
                case "package" -> packageName = field(fields, 1);
                case "state" -> {
                    state = field(fields, 1);
                    if (!state.equals("complete")) {
                        return new Parsed.Unusable("the processor marked it " + state
                                + fields.stream()
                                        .skip(2)
                                        .findFirst()
                                        .map(reason -> ": " + reason)
                                        .orElse(""));
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
                    // A line kind this version does not know: ignored, as the format allows additions.
                }
            }
        }
        if (packageName == null || state == null || digest == null) {
            return new Parsed.Unusable("it lacks its package, state or digest line");
        }
        if (!packageName.equals(expectedPackage)) {
            return new Parsed.Unusable("it describes package " + packageName + ", not " + expectedPackage
                    + " (copied from another package or module?)");
        }
        if (summary == null) {
            return new Parsed.Unusable("it was written by an earlier tidemark-processor (it has no summary line); "
                    + "rebuild with the tidemark-processor of the same version as tidemark-audit-core");
        }
        if (headOnly) {
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
                    List.copyOf(rollbackUses));
        }
        return new Parsed.Usable(new ChangeIndex(packageName, digest, classes, units, members));
    }

    /**
     * Where the head ends: the start of the first {@code class} or {@code unit} line, or {@code end}
     * when there is none.
     */
    private static int endOfHead(byte[] bytes, int end) {
        int start = 0;
        while (start < end) {
            if (startsWith(bytes, start, end, "class\t") || startsWith(bytes, start, end, "unit\t")) {
                return start;
            }
            while (start < end && bytes[start] != '\n') {
                start++;
            }
            start++;
        }
        return end;
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

    /** The fields of the line from {@code start} to {@code end} (exclusive), unescaped. */
    private static List<String> fields(String text, int start, int end) {
        List<String> fields = new ArrayList<>(8);
        int from = start;
        while (true) {
            int tab = text.indexOf('\t', from);
            if (tab < 0 || tab > end) {
                fields.add(unescape(text.substring(from, end)));
                return fields;
            }
            fields.add(unescape(text.substring(from, tab)));
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
