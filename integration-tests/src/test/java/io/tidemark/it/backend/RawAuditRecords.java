package io.tidemark.it.backend;

import io.tidemark.spi.AuditRecord;

/**
 * Direct writes to stored audit records with the backend's SDK, bypassing the audit store and its
 * conditions: what an intruder or a careless operator with write access could do, and what chain
 * verification must then report.
 */
public interface RawAuditRecords {

    /** Replaces the stored record at {@code replacement}'s chain and sequence. */
    void overwrite(AuditRecord replacement);

    /** Deletes the stored record at {@code seq} of {@code chain}. */
    void delete(String chain, long seq);
}
