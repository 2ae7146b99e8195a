package io.tidemark.core.chain;

import io.tidemark.core.error.UnreadableRecordException;
import io.tidemark.core.model.AuditRecord;
import io.tidemark.core.model.RecordText;
import io.tidemark.core.port.ExecutionHistory;
import java.util.Iterator;
import java.util.stream.Stream;

/**
 * Checks a whole chain in one streaming pass with constant memory: sequences run 1, 2, 3, ...
 * without gaps, every record's hash matches its content, and every record's {@code previousHash}
 * is the hash of the record before it (64 zeros for the first). Stops at the first break.
 */
public final class ChainVerifier {

    private final ExecutionHistory history;

    public ChainVerifier(ExecutionHistory history) {
        this.history = history;
    }

    /**
     * Verifies {@code chain} from its first record to its tip. The store's tip is read first: when
     * the records end before the sequence it names (a store that remembers where the chain ended,
     * like Couchbase's tip hint, and its newest records were removed), the first absent one is
     * reported {@code MISSING}. A record the store cannot decode ends the verification with
     * {@link VerificationResult.Unreadable}, which is not a break.
     */
    public VerificationResult verify(String chain) {
        Cursor cursor = new Cursor(chain);
        try {
            long tipSeq = history.tip(chain).map(AuditRecord::seq).orElse(0L);
            try (Stream<AuditRecord> records = history.readAll(chain)) {
                Iterator<AuditRecord> iterator = records.iterator();
                while (iterator.hasNext()) {
                    VerificationResult.Broken broken = cursor.accept(iterator.next());
                    if (broken != null) {
                        return broken;
                    }
                }
            }
            VerificationResult.Intact intact = cursor.result();
            if (intact.tipSeq() < tipSeq) {
                return cursor.broken(intact.tipSeq() + 1, ChainBreak.MISSING, "the store names seq " + tipSeq
                        + " as the chain's newest record, but the records from seq " + (intact.tipSeq() + 1)
                        + " on are missing");
            }
            return intact;
        } catch (UnreadableRecordException unreadable) {
            return new VerificationResult.Unreadable(chain, unreadable.seq(), unreadable, cursor.checked);
        }
    }

    /** Verifies records given in stored order, for example while importing them. */
    public static VerificationResult verify(String chain, Iterator<AuditRecord> records) {
        Cursor cursor = new Cursor(chain);
        while (records.hasNext()) {
            VerificationResult.Broken broken = cursor.accept(records.next());
            if (broken != null) {
                return broken;
            }
        }
        return cursor.result();
    }

    /**
     * Incremental verification, one record at a time; for callers that stream records elsewhere as
     * they check them.
     */
    public static final class Cursor {
        private final String chain;
        private long expectedSeq = 1;
        private String previousHash = AuditRecord.GENESIS_HASH;
        private long checked;

        public Cursor(String chain) {
            this.chain = chain;
        }

        /** Checks the next record; returns the break, or null when it is intact and linked. */
        public VerificationResult.Broken accept(AuditRecord record) {
            VerificationResult.Broken broken = check(record);
            if (broken == null) {
                expectedSeq = record.seq() + 1;
                previousHash = record.hash();
                checked++;
            }
            return broken;
        }

        /** The result after every record so far was accepted. */
        public VerificationResult.Intact result() {
            return new VerificationResult.Intact(chain, checked, expectedSeq - 1,
                    checked == 0 ? AuditRecord.GENESIS_HASH : previousHash);
        }

        private VerificationResult.Broken check(AuditRecord record) {
            if (record.seq() < expectedSeq) {
                return broken(record.seq(), ChainBreak.REORDERED, "found seq " + record.seq() + " after seq "
                        + (expectedSeq - 1) + "; sequences must ascend");
            }
            if (record.seq() > expectedSeq) {
                String missing = record.seq() == expectedSeq + 1
                        ? "record " + expectedSeq + " is missing"
                        : "records " + expectedSeq + " to " + (record.seq() - 1) + " are missing";
                return broken(expectedSeq, ChainBreak.MISSING, missing + " (next present: seq " + record.seq() + ")");
            }
            java.util.Optional<String> malformed = CanonicalEncoding.malformedText(record);
            if (malformed.isPresent()) {
                return broken(record.seq(), ChainBreak.EDITED, malformed.get() + " (change '"
                        + RecordText.repaired(record.changeId()) + "', state " + record.state() + "); Tidemark never "
                        + "writes such text, so a field was edited");
            }
            if (!record.chain().equals(chain) || !HashChain.isIntact(record)) {
                return broken(record.seq(), ChainBreak.EDITED, "the record's content does not match its hash "
                        + "(change '" + record.changeId() + "', state " + record.state() + "); a field was edited");
            }
            if (!record.previousHash().equals(previousHash)) {
                return broken(record.seq(), ChainBreak.REORDERED, "its previousHash is not the hash of seq "
                        + (expectedSeq - 1) + "; records were reordered, replaced or removed and renumbered");
            }
            return null;
        }

        VerificationResult.Broken broken(long seq, ChainBreak kind, String detail) {
            return new VerificationResult.Broken(chain, seq, kind, detail, checked);
        }
    }
}
