package io.tidemark.core.error;

import java.util.Optional;

/**
 * A stored audit record holds a value this version of Tidemark cannot decode: a state it does not
 * know, or a field of a type or format it does not expect. Most likely a newer Tidemark version
 * wrote it (a state added later, say), so the remedy is to upgrade, not to touch the record: it is
 * not damaged, and the hash chain depends on it. Every adapter reports such a record with this
 * exception and the same message, naming the chain, the sequence, the field and the value. A lock
 * record that cannot be decoded is reported with the same exception ({@link #ofLock}), naming the
 * lock key instead of a chain and sequence.
 *
 * <p>Non-transient: reading again gives the same answer until Tidemark is upgraded.
 */
public class UnreadableRecordException extends NonTransientTidemarkException {

    private static final long serialVersionUID = 1L;

    /** The chain holding the record; null for a lock record. */
    private final String chain;
    /** The record's sequence; 0 for a lock record. */
    private final long seq;
    /** The lock key of a lock record; null for an audit record. */
    private final String lockKey;
    /** The field that could not be decoded. */
    private final String field;
    /** What the field holds, as text. */
    private final String value;

    /**
     * @param chain the chain of the record
     * @param seq   its sequence (from its key where the record's own field cannot be read)
     * @param field the field that cannot be decoded
     * @param value what the field holds, as text (shortened when long)
     * @param where where the record is stored, e.g. "DynamoDB table 'tidemark_audit'"
     */
    public UnreadableRecordException(String chain, long seq, String field, String value, String where) {
        this(render(chain, seq, field, value, where), chain, seq, null, field, value);
    }

    private UnreadableRecordException(
            String message, String chain, long seq, String lockKey, String field, String value) {
        super(message);
        this.chain = chain;
        this.seq = seq;
        this.lockKey = lockKey;
        this.field = field;
        this.value = value;
    }

    /**
     * A lock record that cannot be decoded: the exception every {@code LockService} throws for it.
     * Its {@link #chain()} is empty and its {@link #seq()} 0; {@link #lockKey()} names the lock.
     *
     * @param key   the lock's key
     * @param field the field that cannot be decoded
     * @param value what the field holds, as text ({@code "(missing)"} when absent)
     * @param where where the lock record is stored, e.g. "DynamoDB table 'tidemark_lock'"
     * @return an exception naming the lock key instead of a chain and sequence
     */
    public static UnreadableRecordException ofLock(String key, String field, String value, String where) {
        return new UnreadableRecordException(
                "Lock record '" + key + "' in " + where + " holds " + field + " '"
                        + shortened(value)
                        + "', which this version of Tidemark cannot read. It was probably written by a newer "
                        + "version of Tidemark: upgrade Tidemark here, and in every instance and tool that uses this lock (the "
                        + "command line included). If no newer version has ever used it, the lock record was changed outside "
                        + "Tidemark: when no instance is running changes, delete that lock record by hand; it holds no audit "
                        + "data, and the next run creates it again.",
                "",
                0,
                key,
                field,
                value);
    }

    private static String shortened(String value) {
        return value.length() > 200 ? value.substring(0, 200) + "..." : value;
    }

    private static String render(String chain, long seq, String field, String value, String where) {
        String shown = shortened(value);
        return "Record seq " + seq + " of chain '" + chain + "' in " + where + " holds " + field + " '" + shown
                + "', which this version of Tidemark cannot read. It was probably written by a newer version of "
                + "Tidemark: upgrade Tidemark here, and in every instance and tool that reads this chain (the command "
                + "line included). Do not edit or delete the record: it is not damaged, and the hash chain depends on "
                + "it. (If no newer version has ever written to this chain, the record was changed outside Tidemark; "
                + "restore it from a backup or an export.)";
    }

    /** {@return the chain holding the record; empty for a lock record} */
    public String chain() {
        return chain;
    }

    /** {@return the record's sequence; 0 for a lock record} */
    public long seq() {
        return seq;
    }

    /** {@return the key of the lock record that could not be read; empty for an audit record} */
    public Optional<String> lockKey() {
        return Optional.ofNullable(lockKey);
    }

    /** {@return the field that could not be decoded} */
    public String field() {
        return field;
    }

    /** {@return what the field holds} */
    public String value() {
        return value;
    }
}
