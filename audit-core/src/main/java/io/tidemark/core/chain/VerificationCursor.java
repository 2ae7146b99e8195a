package io.tidemark.core.chain;

import io.tidemark.core.internal.text.RecordText;
import io.tidemark.spi.AuditRecord;
import java.util.Objects;
import java.util.Optional;

/**
 * Verifies a chain one record at a time, for callers that stream the records elsewhere as they check
 * them (an export, an import): the same checks as {@code OperatorApi.verify()}, in constant memory.
 * Records are given in stored order; the first break found is returned, and a cursor that found one
 * should not be given more records.
 *
 * <p>The checks: sequences run 1, 2, 3, ... without gaps; every record belongs to the chain and its
 * hash matches its content ({@link CanonicalEncoding}); every record's {@code previousHash} is the
 * hash of the record before it ({@link AuditRecord#GENESIS_HASH} for the first). Not thread-safe.
 */
public final class VerificationCursor {

    private final String chain;
    private long expectedSeq = 1;
    private String previousHash = AuditRecord.GENESIS_HASH;
    private long checked;

    /**
     * A cursor at the start of {@code chain}.
     *
     * @param chain the chain whose records will be accepted
     */
    public VerificationCursor(String chain) {
        this.chain = Objects.requireNonNull(chain, "chain");
    }

    /**
     * Checks the next record; the break it shows, or empty when it is intact and linked.
     *
     * @param record the next record of the chain, in stored order
     * @return the break, or empty when {@code record} is intact and follows the previous one
     */
    public Optional<VerificationResult.Broken> accept(AuditRecord record) {
        Optional<VerificationResult.Broken> broken = check(record);
        if (broken.isEmpty()) {
            expectedSeq = record.seq() + 1;
            previousHash = record.hash();
            checked++;
        }
        return broken;
    }

    /** {@return how many records were accepted as intact so far} */
    public long checked() {
        return checked;
    }

    /** {@return the result after every record so far was accepted as intact} */
    public VerificationResult.Intact result() {
        return new VerificationResult.Intact(
                chain, checked, expectedSeq - 1, checked == 0 ? AuditRecord.GENESIS_HASH : previousHash);
    }

    /**
     * The break that the records from {@code seq} on are missing, for a caller that knows the chain
     * goes further than the records it read (a store that remembers its newest record).
     *
     * @param seq    the first missing sequence
     * @param detail what is known to be missing, for the message
     * @return a {@link ChainBreak#MISSING} break at {@code seq}
     */
    public VerificationResult.Broken missingFrom(long seq, String detail) {
        return broken(seq, ChainBreak.MISSING, detail);
    }

    private Optional<VerificationResult.Broken> check(AuditRecord record) {
        if (record.seq() < expectedSeq) {
            return Optional.of(broken(
                    record.seq(),
                    ChainBreak.REORDERED,
                    "found seq " + record.seq() + " after seq " + (expectedSeq - 1) + "; sequences must ascend"));
        }
        if (record.seq() > expectedSeq) {
            String missing = record.seq() == expectedSeq + 1
                    ? "record " + expectedSeq + " is missing"
                    : "records " + expectedSeq + " to " + (record.seq() - 1) + " are missing";
            return Optional.of(
                    broken(expectedSeq, ChainBreak.MISSING, missing + " (next present: seq " + record.seq() + ")"));
        }
        Optional<String> malformed = CanonicalEncoding.malformedText(record);
        if (malformed.isPresent()) {
            return Optional.of(broken(
                    record.seq(),
                    ChainBreak.EDITED,
                    malformed.get() + " (change '"
                            + RecordText.repaired(record.changeId()) + "', state " + record.state()
                            + "); Tidemark never "
                            + "writes such text, so a field was edited"));
        }
        if (!record.chain().equals(chain) || !CanonicalEncoding.hashOf(record).equals(record.hash())) {
            return Optional.of(broken(
                    record.seq(),
                    ChainBreak.EDITED,
                    "the record's content does not match its hash " + "(change '" + record.changeId() + "', state "
                            + record.state() + "); a field was edited"));
        }
        if (!record.previousHash().equals(previousHash)) {
            return Optional.of(broken(
                    record.seq(),
                    ChainBreak.REORDERED,
                    "its previousHash is not the hash of seq " + (expectedSeq - 1)
                            + "; records were reordered, replaced or removed and renumbered"));
        }
        return Optional.empty();
    }

    private VerificationResult.Broken broken(long seq, ChainBreak kind, String detail) {
        return new VerificationResult.Broken(chain, seq, kind, detail, checked);
    }
}
