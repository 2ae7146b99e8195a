package io.tidemark.tck;

import io.tidemark.spi.AuditRecord;

/**
 * Raw writes to a backend's audit records that bypass the store and its conditions, as an intruder,
 * a careless operator or a newer Tidemark version would make them: for tests that check that the
 * hash chain catches tampering, and that a record this version cannot read is reported as such.
 */
public interface RawRecords {

    /**
     * Replaces the stored record at {@code replacement}'s chain and sequence, unconditionally.
     *
     * @param replacement the record stored in place of the one at its chain and sequence
     */
    void overwrite(AuditRecord replacement);

    /**
     * Deletes the stored record at {@code seq} of {@code chain}.
     *
     * @param chain the chain
     * @param seq   the sequence whose record is deleted
     */
    void delete(String chain, long seq);

    /**
     * Stores {@code record} at its chain and sequence, except that its state field holds
     * {@code state}, a value this version does not know: what a newer Tidemark version with a new
     * state would write.
     *
     * @param record the record to store
     * @param state  the state name stored instead of the record's own
     */
    void overwriteWithState(AuditRecord record, String state);

    /**
     * Stores, under lock {@code lockKey} of the namespace, a lock record this version cannot read (a
     * token that is not a number, say), as a broken or foreign write would leave it. The record must
     * look expired to a reader that ignored the broken field, so that a store which decoded it
     * carelessly would hand the lock out.
     *
     * @param lockKey the lock key
     */
    void writeUnreadableLock(String lockKey);
}
