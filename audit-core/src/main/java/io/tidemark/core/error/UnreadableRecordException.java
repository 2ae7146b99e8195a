package io.tidemark.core.error;

/**
 * A stored audit record holds a value this version of Tidemark cannot decode: a state it does not
 * know, or a field of a type or format it does not expect. Most likely a newer Tidemark version
 * wrote it (a state added later, say), so the remedy is to upgrade, not to touch the record: it is
 * not damaged, and the hash chain depends on it. Every adapter reports such a record with this
 * exception and the same message, naming the chain, the sequence, the field and the value.
 *
 * <p>Non-transient: reading again gives the same answer until Tidemark is upgraded.
 */
public class UnreadableRecordException extends NonTransientTidemarkException {

    private final String chain;
    private final long seq;
    private final String field;
    private final String value;

    /**
     * @param chain the chain of the record
     * @param seq   its sequence (from its key where the record's own field cannot be read)
     * @param field the field that cannot be decoded
     * @param value what the field holds, as text (shortened when long)
     * @param where where the record is stored, e.g. "DynamoDB table 'tidemark_audit'"
     */
    public UnreadableRecordException(String chain, long seq, String field, String value, String where) {
        super(render(chain, seq, field, value, where));
        this.chain = chain;
        this.seq = seq;
        this.field = field;
        this.value = value;
    }

    private static String render(String chain, long seq, String field, String value, String where) {
        String shown = value.length() > 200 ? value.substring(0, 200) + "..." : value;
        return "Record seq " + seq + " of chain '" + chain + "' in " + where + " holds " + field + " '" + shown
                + "', which this version of Tidemark cannot read. It was probably written by a newer version of "
                + "Tidemark: upgrade Tidemark here, and in every instance and tool that reads this chain (the command "
                + "line included). Do not edit or delete the record: it is not damaged, and the hash chain depends on "
                + "it. (If no newer version has ever written to this chain, the record was changed outside Tidemark; "
                + "restore it from a backup or an export.)";
    }

    /** The chain holding the record. */
    public String chain() {
        return chain;
    }

    /** The record's sequence. */
    public long seq() {
        return seq;
    }

    /** The field that could not be decoded. */
    public String field() {
        return field;
    }

    /** What the field holds. */
    public String value() {
        return value;
    }
}
