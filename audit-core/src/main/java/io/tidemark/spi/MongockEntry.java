package io.tidemark.spi;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

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
     * Adapters read absent fields with it.
     *
     * @param value a stored value, or {@code null} when absent
     * @return {@code value} as text, or {@code ""} for {@code null}
     */
    public static String text(Object value) {
        return value == null ? "" : value.toString();
    }
}
