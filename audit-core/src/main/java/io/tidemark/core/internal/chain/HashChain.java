package io.tidemark.core.internal.chain;

import io.tidemark.core.chain.CanonicalEncoding;
import io.tidemark.spi.AuditRecord;

/**
 * Links audit records into a tamper-evident chain: each record's {@code hash} is the SHA-256 of its
 * {@link CanonicalEncoding}, which includes the hash of the record before it.
 *
 * <p>This makes edits, removals and reorderings visible to {@link ChainVerifier}. It does not stop
 * someone with write access who recomputes every hash after an edit; keeping the tip hash
 * elsewhere (an export, a ticket) detects that too.
 */
public final class HashChain {

    private HashChain() {}

    /**
     * The SHA-256 of the canonical encoding of {@code record}, in lower-case hex.
     *
     * @throws IllegalArgumentException when a text component is not well-formed Unicode
     */
    public static String hashOf(AuditRecord record) {
        return CanonicalEncoding.hashOf(record);
    }

    /** {@code record} with its hash computed; its {@code previousHash} must already be set. */
    public static AuditRecord seal(AuditRecord record) {
        return record.withHash(hashOf(record));
    }

    /**
     * Whether {@code record}'s stored hash matches its content; false for a record whose text is not
     * well-formed Unicode, which has no canonical encoding.
     */
    public static boolean isIntact(AuditRecord record) {
        try {
            return hashOf(record).equals(record.hash());
        } catch (IllegalArgumentException malformed) {
            return false;
        }
    }
}
