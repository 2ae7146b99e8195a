package io.tidemark.spi;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Date;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * One entry of Mongock's change log ({@code mongockChangeLog}) as an adapter read it, field for
 * field, without interpretation: core decides what each value means and refuses what it does not
 * know, so that every adapter behaves the same. The field names are Mongock 5's
 * ({@code io.mongock.driver.api.entry.ChangeEntry}); entries written by Mongock 3 and 4 lack
 * {@code state}, {@code type} and {@code systemChange}, which read as empty text and {@code false}.
 *
 * @param position          where the entry is stored, for messages: the document's {@code _id}, the item's
 *                          key or the document key; never a secret
 * @param executionId       the Mongock run that wrote it ({@code ""} when absent)
 * @param changeId          the change unit's or change set's id ({@code ""} when absent); a before-execution
 *                          method's entry carries the id with {@code _before} appended, as Mongock writes it
 * @param author            the author ({@code ""} when absent)
 * @param timestamp         when Mongock wrote it, empty when absent or unreadable
 * @param state             Mongock's state as stored ({@code EXECUTED}, {@code FAILED}, {@code ROLLED_BACK},
 *                          {@code ROLLBACK_FAILED}, {@code IGNORED}), or {@code ""} when absent
 * @param type              {@code EXECUTION} or {@code BEFORE_EXECUTION} as stored, or {@code ""} when absent
 * @param changeLogClass    the class that held the change ({@code ""} when absent)
 * @param changeSetMethod   the method Mongock invoked ({@code ""} when absent)
 * @param metadata          Mongock's metadata as text (JSON where the store holds a document), {@code ""} when
 *                          absent or empty
 * @param executionMillis   how long the method ran, {@code -1} when Mongock did not run it or it is absent
 * @param executionHostname the host that ran it ({@code ""} when absent)
 * @param errorTrace        Mongock's error trace, a JSON object whose {@code execution-error} and
 *                          {@code rollback-error} hold stack traces ({@code ""} when absent)
 * @param systemChange      whether it records one of Mongock's own system changes
 */
public record MongockEntry(
        String position,
        String executionId,
        String changeId,
        String author,
        Optional<Instant> timestamp,
        String state,
        String type,
        String changeLogClass,
        String changeSetMethod,
        String metadata,
        long executionMillis,
        String executionHostname,
        String errorTrace,
        boolean systemChange) {

    /**
     * Checks the components.
     *
     * @param position          where the entry is stored, for messages: the document's {@code _id}, the item's
     *                          key or the document key; never a secret
     * @param executionId       the Mongock run that wrote it ({@code ""} when absent)
     * @param changeId          the change unit's or change set's id ({@code ""} when absent); a before-execution
     *                          method's entry carries the id with {@code _before} appended, as Mongock writes it
     * @param author            the author ({@code ""} when absent)
     * @param timestamp         when Mongock wrote it, empty when absent or unreadable
     * @param state             Mongock's state as stored ({@code EXECUTED}, {@code FAILED}, {@code ROLLED_BACK},
     *                          {@code ROLLBACK_FAILED}, {@code IGNORED}), or {@code ""} when absent
     * @param type              {@code EXECUTION} or {@code BEFORE_EXECUTION} as stored, or {@code ""} when absent
     * @param changeLogClass    the class that held the change ({@code ""} when absent)
     * @param changeSetMethod   the method Mongock invoked ({@code ""} when absent)
     * @param metadata          Mongock's metadata as text (JSON where the store holds a document), {@code ""} when
     *                          absent or empty
     * @param executionMillis   how long the method ran, {@code -1} when Mongock did not run it or it is absent
     * @param executionHostname the host that ran it ({@code ""} when absent)
     * @param errorTrace        Mongock's error trace, a JSON object whose {@code execution-error} and
     *                          {@code rollback-error} hold stack traces ({@code ""} when absent)
     * @param systemChange      whether it records one of Mongock's own system changes
     */
    public MongockEntry {
        Objects.requireNonNull(position, "position");
        Objects.requireNonNull(executionId, "executionId");
        Objects.requireNonNull(changeId, "changeId");
        Objects.requireNonNull(author, "author");
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(changeLogClass, "changeLogClass");
        Objects.requireNonNull(changeSetMethod, "changeSetMethod");
        Objects.requireNonNull(metadata, "metadata");
        Objects.requireNonNull(executionHostname, "executionHostname");
        Objects.requireNonNull(errorTrace, "errorTrace");
    }

    /**
     * The entry a store gives as a document whose fields are Java values read by name (a MongoDB
     * {@code Document}, a Couchbase {@code JsonObject}), under Mongock's field names: text fields through
     * {@link #text}; {@code timestamp} from a date, epoch milliseconds or ISO-8601 text (empty otherwise);
     * {@code executionMillis} from a number ({@code -1} otherwise); {@code systemChange} true only when it
     * is the boolean {@code true}; {@code metadata} as the JSON of a nested document ({@code ""} for an
     * empty one), else as text. One place for Mongock's document shape, so that every document store
     * reads it alike.
     *
     * @param position where the entry is stored, for messages
     * @param field    the value of a field by name, {@code null} when absent
     * @param json     the JSON text of a nested document, or empty when the value is not one of the store's
     *                 documents
     * @return the entry
     */
    public static MongockEntry fromDocument(
            String position, Function<String, Object> field, Function<Object, Optional<String>> json) {
        Object metadata = field.apply("metadata");
        Object millis = field.apply("executionMillis");
        return new MongockEntry(
                position,
                text(field.apply("executionId")),
                text(field.apply("changeId")),
                text(field.apply("author")),
                instant(field.apply("timestamp")),
                text(field.apply("state")),
                text(field.apply("type")),
                text(field.apply("changeLogClass")),
                text(field.apply("changeSetMethod")),
                json.apply(metadata).orElseGet(() -> text(metadata)),
                millis instanceof Number number ? number.longValue() : -1,
                text(field.apply("executionHostname")),
                text(field.apply("errorTrace")),
                Boolean.TRUE.equals(field.apply("systemChange")));
    }

    /** A date, as Mongock writes it; epoch milliseconds or ISO-8601 text, as other tools did; else empty. */
    private static Optional<Instant> instant(Object value) {
        if (value instanceof Date date) {
            return Optional.of(date.toInstant());
        }
        if (value instanceof Number millis) {
            return Optional.of(Instant.ofEpochMilli(millis.longValue()));
        }
        if (value instanceof String text) {
            try {
                return Optional.of(Instant.parse(text));
            } catch (DateTimeParseException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    /**
     * Adapters read absent fields with it.
     *
     * @param value a stored value, or {@code null} when absent
     * @return {@code value} as text, or {@code ""} for {@code null}
     */
    public static String text(Object value) {
        return value == null ? "" : value.toString();
    }
}
