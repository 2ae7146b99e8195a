package io.tidemark.core.internal.text;

import io.tidemark.spi.AuditRecord;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The one rule for text entering an audit record, and the bounds of each field, applied in core
 * before anything is written, so that what is hashed is exactly what every backend stores and
 * returns, and no record can exceed what a backend accepts.
 *
 * <p><b>Well-formed text.</b> A Java string may hold an unpaired UTF-16 surrogate (an emoji cut in
 * half by {@code substring}, say). Such text has no UTF-8 encoding: backends replace it or refuse
 * it, each its own way, and the hash would no longer match the stored record. So:
 * <ul>
 *   <li>identities and keys are <em>refused</em> with a clear error: change id, author, order,
 *       class and method names, chain and instance ids, and metadata keys;</li>
 *   <li>free text is <em>repaired</em>: each unpaired surrogate becomes U+FFFD (REPLACEMENT
 *       CHARACTER), the way a UTF-8 decoder shows an invalid sequence: error types and messages,
 *       metadata values (including an operator's name and reason), and the host name.</li>
 * </ul>
 *
 * <p><b>Bounds</b>, in UTF-16 code units (Java {@code String.length()}); the largest record they allow
 * is about 40,000 characters, far below the smallest backend limit (DynamoDB's 400 KB item):
 * <ul>
 *   <li>error messages: {@value #MAX_ERROR_MESSAGE_LENGTH}, longer ones are cut and marked
 *       {@code [truncated]}; error types: {@value #MAX_ERROR_TYPE_LENGTH}, cut likewise;</li>
 *   <li>metadata: at most {@value #MAX_METADATA_ENTRIES} entries a change attaches, keys of at most
 *       {@value #MAX_METADATA_KEY_LENGTH}, values of at most {@value #MAX_METADATA_VALUE_LENGTH};
 *       more is refused;</li>
 *   <li>an operator's name: {@value #MAX_OPERATOR_LENGTH}; reason: {@value #MAX_REASON_LENGTH};
 *       longer ones are refused;</li>
 *   <li>change ids, authors and instance ids: {@value #MAX_ID_LENGTH}; class and method names:
 *       {@value #MAX_NAME_LENGTH}; refused when longer; the host name: {@value #MAX_HOST_LENGTH}, cut.</li>
 * </ul>
 */
public final class RecordText {

    /** Longest change id, author or instance id. */
    public static final int MAX_ID_LENGTH = 200;
    /** Longest class or method name. */
    public static final int MAX_NAME_LENGTH = 1_000;
    /** Longest host name kept; longer ones are cut. */
    public static final int MAX_HOST_LENGTH = 255;
    /** Longest error message kept; longer ones are cut and marked. */
    public static final int MAX_ERROR_MESSAGE_LENGTH = AuditRecord.MAX_ERROR_MESSAGE_LENGTH;
    /** Longest error type kept; longer ones are cut and marked. */
    public static final int MAX_ERROR_TYPE_LENGTH = 500;
    /** Longest metadata key. */
    public static final int MAX_METADATA_KEY_LENGTH = 100;
    /** Longest metadata value. */
    public static final int MAX_METADATA_VALUE_LENGTH = 1_000;
    /** Most metadata entries one change attaches to a record (the engine's own come on top). */
    public static final int MAX_METADATA_ENTRIES = 32;
    /** Most metadata entries of any record, the engine's included. */
    public static final int MAX_RECORD_METADATA_ENTRIES = MAX_METADATA_ENTRIES + 8;
    /** Longest operator name on a {@code MARKED_*} record. */
    public static final int MAX_OPERATOR_LENGTH = 200;
    /** Longest reason on a {@code MARKED_*} record. */
    public static final int MAX_REASON_LENGTH = 1_000;

    private static final char REPLACEMENT = '\uFFFD';
    private static final String TRUNCATED = " [truncated]";

    private RecordText() {}

    /** The index of the first unpaired surrogate in {@code text}, or empty when it is well-formed. */
    public static Optional<Integer> firstUnpairedSurrogate(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return Optional.of(i);
            }
        }
        return Optional.empty();
    }

    /** Whether {@code text} is well-formed UTF-16: every surrogate is half of a pair. */
    public static boolean isWellFormed(String text) {
        return firstUnpairedSurrogate(text).isEmpty();
    }

    /** {@code text} with every unpaired surrogate replaced by U+FFFD; {@code text} itself when well-formed. */
    public static String repaired(String text) {
        if (isWellFormed(text)) {
            return text;
        }
        StringBuilder repaired = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                repaired.append(c).append(text.charAt(++i));
            } else {
                repaired.append(Character.isSurrogate(c) ? REPLACEMENT : c);
            }
        }
        return repaired.toString();
    }

    /**
     * Free text made well-formed and cut to {@code max} code units, ending in {@code [truncated]} when
     * cut; a surrogate pair is never split.
     */
    public static String bounded(String text, int max) {
        String repaired = repaired(text);
        if (repaired.length() <= max) {
            return repaired;
        }
        int cut = max - TRUNCATED.length();
        if (Character.isHighSurrogate(repaired.charAt(cut - 1))) {
            cut--;
        }
        return repaired.substring(0, cut) + TRUNCATED;
    }

    /**
     * Refuses an identity or key that is not well-formed or is longer than {@code max}.
     *
     * @param what names the value in the message, e.g. "change id"
     * @throws IllegalArgumentException saying what is wrong and how to fix it
     */
    public static String requireIdentifier(String value, String what, int max) {
        problemWithIdentifier(value, what, max).ifPresent(problem -> {
            throw new IllegalArgumentException(problem);
        });
        return value;
    }

    /** Why {@code value} cannot be an identity or key, or empty when it can; see {@link #requireIdentifier}. */
    public static Optional<String> problemWithIdentifier(String value, String what, int max) {
        Optional<Integer> surrogate = firstUnpairedSurrogate(value);
        if (surrogate.isPresent()) {
            return Optional.of("The " + what + " '" + repaired(value) + "' is not well-formed Unicode: it holds an "
                    + "unpaired surrogate at index " + surrogate.get() + " (a character cut in half, as substring() "
                    + "does to an emoji). Use whole characters only.");
        }
        if (value.length() > max) {
            return Optional.of("The " + what + " is " + value.length() + " characters long; at most " + max
                    + " are allowed. Shorten it.");
        }
        return Optional.empty();
    }

    /**
     * Refuses free text longer than {@code max}, and returns it made well-formed.
     *
     * @throws IllegalArgumentException naming the value, its length and the bound
     */
    public static String requireBoundedText(String value, String what, int max) {
        if (value.length() > max) {
            throw new IllegalArgumentException("The " + what + " is " + value.length() + " characters long; at most "
                    + max + " are recorded. Shorten it (keep long details elsewhere, such as a ticket, and name "
                    + "them instead).");
        }
        return repaired(value);
    }

    /**
     * {@code record} as it may enter a chain: free text repaired and cut to its bound, identities and
     * keys checked. What the engine seals; every path that appends records goes through it.
     *
     * @throws IllegalArgumentException when an identity or key is malformed or too long, or the
     *     metadata exceeds its bounds (inputs are checked earlier, where they are given, so this
     *     points to a value that escaped those checks)
     */
    public static AuditRecord sanitized(AuditRecord record) {
        requireIdentifier(record.chain(), "chain", MAX_ID_LENGTH);
        requireIdentifier(record.executionId(), "execution id", MAX_ID_LENGTH);
        requireIdentifier(record.changeId(), "change id", MAX_ID_LENGTH);
        requireIdentifier(record.author(), "author", MAX_ID_LENGTH);
        requireIdentifier(record.order(), "order", MAX_ID_LENGTH);
        requireIdentifier(record.instanceId(), "instance id", MAX_ID_LENGTH);
        requireIdentifier(record.className(), "class name", MAX_NAME_LENGTH);
        requireIdentifier(record.methodName(), "method name", MAX_NAME_LENGTH);
        if (record.metadata().size() > MAX_RECORD_METADATA_ENTRIES) {
            throw new IllegalArgumentException("A record may hold at most " + MAX_RECORD_METADATA_ENTRIES
                    + " metadata entries, not " + record.metadata().size());
        }
        Map<String, String> metadata = new LinkedHashMap<>();
        record.metadata().forEach((key, value) -> {
            requireIdentifier(key, "metadata key", MAX_METADATA_KEY_LENGTH);
            metadata.put(key, requireBoundedText(value, "metadata value of '" + key + "'", MAX_METADATA_VALUE_LENGTH));
        });
        return record.toBuilder()
                .host(bounded(record.host(), MAX_HOST_LENGTH))
                .errorType(bounded(record.errorType(), MAX_ERROR_TYPE_LENGTH))
                .errorMessage(bounded(record.errorMessage(), MAX_ERROR_MESSAGE_LENGTH))
                .metadata(metadata)
                .build();
    }
}
