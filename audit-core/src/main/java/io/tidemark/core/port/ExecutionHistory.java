package io.tidemark.core.port;

import io.tidemark.core.model.AuditRecord;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Reads audit chains. Reads are strongly consistent: a record whose append returned
 * {@code Appended} is visible to the next read from any instance.
 *
 * <p><b>Records this version cannot read.</b> A stored record holding a value the adapter cannot
 * decode (a state this version does not know, or a field of an unexpected type or format, as a
 * newer Tidemark version may write) is never skipped, guessed at, or reported as tampering: the read
 * that meets it ({@link #tip}, or the stream of {@link #readFrom} when it reaches that record)
 * throws {@link io.tidemark.core.error.UnreadableRecordException} naming the chain, the sequence,
 * the field and the value, whose message tells the user to upgrade. Text fields that are merely
 * missing may read as empty text instead, so that verification reports the record as edited.
 */
public interface ExecutionHistory {

    /**
     * The record with the highest sequence in {@code chain}, or empty for an empty chain. One
     * round trip to the backend where it allows (a reverse-ordered query limited to one item).
     */
    Optional<AuditRecord> tip(String chain);

    /**
     * Every record of {@code chain} with a sequence of at least {@code fromSeq}, in ascending
     * sequence order. The stream is lazy and paged: it holds one page at a time whatever the length
     * of the chain, and fetches the next page only when it is consumed. Close it (or use
     * try-with-resources) when not reading to the end.
     */
    Stream<AuditRecord> readFrom(String chain, long fromSeq);

    /** The whole chain in ascending sequence order; see {@link #readFrom(String, long)}. */
    default Stream<AuditRecord> readAll(String chain) {
        return readFrom(chain, 1);
    }

    /**
     * Every record about {@code changeId}, in ascending sequence order. Derived from a full read;
     * an adapter may answer it faster where its backend has a suitable index.
     */
    default List<AuditRecord> recordsOf(String chain, String changeId) {
        try (Stream<AuditRecord> records = readAll(chain)) {
            return records.filter(r -> r.changeId().equals(changeId)).toList();
        }
    }

    /** The latest record about {@code changeId}, if any. Derived like {@link #recordsOf}. */
    default Optional<AuditRecord> latestOf(String chain, String changeId) {
        List<AuditRecord> records = recordsOf(chain, changeId);
        return records.isEmpty() ? Optional.empty() : Optional.of(records.get(records.size() - 1));
    }
}
