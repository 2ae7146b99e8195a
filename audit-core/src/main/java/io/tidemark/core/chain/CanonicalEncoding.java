package io.tidemark.core.chain;

import io.tidemark.core.internal.text.RecordText;
import io.tidemark.spi.AuditRecord;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The one definition of the bytes an audit record's hash covers. Any tool can recompute a hash
 * from this description alone:
 *
 * <ol>
 *   <li>Start with the ASCII header {@code tidemark-audit-v1} followed by a line feed ({@code 0x0A}).</li>
 *   <li>Append these fields in this order, each as a <em>field</em> (see step 3):
 *       {@code chain}, {@code seq}, {@code executionId}, {@code changeId}, {@code author},
 *       {@code order}, {@code state}, {@code timestamp}, {@code durationMillis}, {@code host},
 *       {@code instanceId}, {@code className}, {@code methodName}, {@code errorType},
 *       {@code errorMessage}, then the metadata, then {@code previousHash}. The {@code hash} itself
 *       is not included. Numbers ({@code seq}, {@code durationMillis}) are written in decimal
 *       ASCII with a leading {@code -} when negative; {@code state} as its upper-case name;
 *       {@code timestamp} as milliseconds since 1970-01-01T00:00:00Z in decimal.</li>
 *   <li>A <em>field</em> is the text's UTF-8 bytes preceded by their byte count in decimal ASCII
 *       and a colon, and followed by a line feed: {@code "default"} becomes {@code 7:default\n}.
 *       The length prefix makes the encoding unambiguous whatever the text contains.</li>
 *   <li>Text must be well-formed Unicode: in Java terms, well-formed UTF-16, every surrogate being
 *       half of a pair, so that its UTF-8 encoding exists and is unique. Text holding an unpaired
 *       surrogate has no encoding: it is refused, never replaced (replacing it, as
 *       {@code String.getBytes} does with {@code ?}, would give two different texts one hash). The
 *       engine never writes such text (it repairs or refuses it before anything is hashed); a stored
 *       record holding it was edited, and never verifies.</li>
 *   <li>The metadata is the number of entries written as a field, then for each entry its key and
 *       its value as two fields, entries sorted by key in Unicode code point order (which is the
 *       byte order of their UTF-8 encodings).</li>
 * </ol>
 *
 * <p>A record's {@code hash} is the SHA-256 of these bytes written as 64 lower-case hex digits
 * ({@link #hashOf}). The version header changes if this encoding ever does.
 *
 * <p>Part of the user API: tools that check or produce audit records (an export's reader, a test's
 * record builder) compute hashes with it.
 */
public final class CanonicalEncoding {

    /** First line of every encoding; names the version of this definition. */
    public static final String HEADER = "tidemark-audit-v1\n";

    private CanonicalEncoding() {}

    /**
     * The hash {@code record} must carry: the SHA-256 of {@link #encode(AuditRecord)}, in lower-case
     * hex. Its own {@code hash} component is not read.
     *
     * @param record the record; its {@code hash} is ignored
     * @return 64 lower-case hex digits
     * @throws IllegalArgumentException when a text component is not well-formed Unicode
     */
    public static String hashOf(AuditRecord record) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(encode(record)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java runtime", e);
        }
    }

    /**
     * {@code record} with the hash it must carry ({@link #hashOf}); its {@code previousHash} must already be set.
     *
     * @param record the record to seal
     * @return a copy of {@code record} carrying its hash
     */
    public static AuditRecord seal(AuditRecord record) {
        return record.withHash(hashOf(record));
    }

    /**
     * The canonical bytes of {@code record}: every component except {@code hash}.
     *
     * @param record the record to encode
     * @return a new array holding the encoding
     * @throws IllegalArgumentException when a text component is not well-formed Unicode (it names the
     *     component); such a record has no canonical encoding
     */
    public static byte[] encode(AuditRecord record) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(512);
        out.writeBytes(HEADER.getBytes(StandardCharsets.US_ASCII));
        field(out, record.chain(), "chain");
        field(out, Long.toString(record.seq()), "seq");
        field(out, record.executionId(), "executionId");
        field(out, record.changeId(), "changeId");
        field(out, record.author(), "author");
        field(out, record.order(), "order");
        field(out, record.state().name(), "state");
        field(out, Long.toString(record.timestamp().toEpochMilli()), "timestamp");
        field(out, Long.toString(record.durationMillis()), "durationMillis");
        field(out, record.host(), "host");
        field(out, record.instanceId(), "instanceId");
        field(out, record.className(), "className");
        field(out, record.methodName(), "methodName");
        field(out, record.errorType(), "errorType");
        field(out, record.errorMessage(), "errorMessage");
        metadata(out, record.metadata());
        field(out, record.previousHash(), "previousHash");
        return out.toByteArray();
    }

    private static void metadata(ByteArrayOutputStream out, Map<String, String> metadata) {
        field(out, Integer.toString(metadata.size()), "metadata");
        List<byte[][]> entries = new ArrayList<>(metadata.size());
        metadata.forEach((key, value) -> entries.add(new byte[][] {
            utf8(key, "metadata key '" + RecordText.repaired(key) + "'"),
            utf8(value, "metadata value of '" + RecordText.repaired(key) + "'")
        }));
        entries.sort((a, b) -> Arrays.compareUnsigned(a[0], b[0]));
        for (byte[][] entry : entries) {
            field(out, entry[0]);
            field(out, entry[1]);
        }
    }

    private static void field(ByteArrayOutputStream out, String text, String component) {
        field(out, utf8(text, component));
    }

    /** The UTF-8 bytes of well-formed {@code text}; malformed text is refused, naming {@code component}. */
    private static byte[] utf8(String text, String component) {
        RecordText.firstUnpairedSurrogate(text).ifPresent(index -> {
            throw new IllegalArgumentException("The " + component + " is not well-formed Unicode: it holds an unpaired "
                    + "surrogate at index " + index + ", which has no canonical encoding");
        });
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The component of {@code record} whose text is not well-formed, with where; empty when all are.
     *
     * @param record the record to check
     * @return the component and the index of the first unpaired surrogate in it, or empty
     */
    public static Optional<String> malformedText(AuditRecord record) {
        try {
            encode(record);
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.of(e.getMessage());
        }
    }

    private static void field(ByteArrayOutputStream out, byte[] bytes) {
        out.writeBytes(Integer.toString(bytes.length).getBytes(StandardCharsets.US_ASCII));
        out.write(':');
        out.writeBytes(bytes);
        out.write('\n');
    }
}
