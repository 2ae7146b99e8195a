package io.tidemark.spi;

import java.util.Optional;
import java.util.stream.Stream;

/**
 * Reads audit chains. Reads are strongly consistent: a record whose append returned
 * {@code Appended} is visible to the next read from any instance.
 *
 * <p><b>Streams and concurrent appends.</b> A stream from {@link #readFrom} reflects at least every
 * record appended before it was opened. Records appended while it is being read may or may not
 * appear, but the stream never skips a sequence it has passed, never returns a sequence twice, and
 * stays in ascending sequence order. (A paged read that starts each page after the last sequence
 * of the previous one has these properties.) The engine relies on this when it catches up with a
 * chain under the lock; the TCK checks it.
 *
 * <p><b>Records this version cannot read.</b> A stored record holding a value the adapter cannot
 * decode (a state this version does not know, or a field of an unexpected type or format, as a
 * newer Tidemark version may write) is never skipped, guessed at, or reported as tampering: the read
 * that meets it ({@link #tip}, or the stream of {@link #readFrom} when it reaches that record)
 * throws {@link io.tidemark.core.error.UnreadableRecordException} naming the chain, the sequence,
 * the field and the value, whose message tells the user to upgrade. Every adapter throws this one
 * exception for such a record, never a decoding or backend exception. Text fields that are merely
 * missing may read as empty text instead, so that verification reports the record as edited.
 * {@link io.tidemark.spi.support.RecordPages.Page#decoded} implements the stream's side of this.
 */
public interface ExecutionHistory {

    /**
     * The record with the highest sequence in {@code chain}, or empty for an empty chain. One
     * round trip to the backend where it allows (a reverse-ordered query limited to one item).
     *
     * @param chain the chain
     * @return the tip record, or empty for an empty chain
     * @throws io.tidemark.core.error.UnreadableRecordException when that record cannot be decoded
     */
    Optional<AuditRecord> tip(String chain);

    /**
     * Every record of {@code chain} with a sequence of at least {@code fromSeq}, in ascending
     * sequence order. The stream is lazy and paged: it holds one page at a time whatever the length
     * of the chain, and fetches the next page only when it is consumed. Close it (or use
     * try-with-resources) when not reading to the end. What it returns of records appended while it
     * is read is stated in the class description.
     *
     * @param chain   the chain
     * @param fromSeq the lowest sequence returned
     * @return the records, lazily and in ascending sequence order
     */
    Stream<AuditRecord> readFrom(String chain, long fromSeq);

    /**
     * The whole chain in ascending sequence order; see {@link #readFrom(String, long)}.
     *
     * @param chain the chain
     * @return every record, lazily and in ascending sequence order
     */
    default Stream<AuditRecord> readAll(String chain) {
        return readFrom(chain, 1);
    }
}
