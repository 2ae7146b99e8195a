package io.tidemark.core.internal.chain;

import io.tidemark.core.chain.ChainBreak;
import io.tidemark.core.chain.VerificationCursor;
import io.tidemark.core.chain.VerificationResult;
import io.tidemark.core.error.UnreadableRecordException;
import io.tidemark.spi.AuditRecord;
import io.tidemark.spi.ExecutionHistory;
import java.util.Iterator;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Checks a whole chain from the store in one streaming pass with constant memory, by the checks of
 * {@link VerificationCursor}: sequences run 1, 2, 3, ... without gaps, every record's hash matches
 * its content, and every record's {@code previousHash} is the hash of the record before it (64 zeros
 * for the first). Stops at the first break.
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
     * reported {@link ChainBreak#MISSING}. A record the store cannot decode ends the verification
     * with {@link VerificationResult.Unreadable}, which is not a break.
     */
    public VerificationResult verify(String chain) {
        VerificationCursor cursor = new VerificationCursor(chain);
        try {
            long tipSeq = history.tip(chain).map(AuditRecord::seq).orElse(0L);
            try (Stream<AuditRecord> records = history.readAll(chain)) {
                Iterator<AuditRecord> iterator = records.iterator();
                while (iterator.hasNext()) {
                    Optional<VerificationResult.Broken> broken = cursor.accept(iterator.next());
                    if (broken.isPresent()) {
                        return broken.get();
                    }
                }
            }
            VerificationResult.Intact intact = cursor.result();
            if (intact.tipSeq() < tipSeq) {
                return cursor.missingFrom(
                        intact.tipSeq() + 1,
                        "the store names seq " + tipSeq
                                + " as the chain's newest record, but the records from seq " + (intact.tipSeq() + 1)
                                + " on are missing");
            }
            return intact;
        } catch (UnreadableRecordException unreadable) {
            return new VerificationResult.Unreadable(chain, unreadable.seq(), unreadable, cursor.checked());
        }
    }

    /** Verifies records given in stored order, for example while importing them. */
    public static VerificationResult verify(String chain, Iterator<AuditRecord> records) {
        VerificationCursor cursor = new VerificationCursor(chain);
        while (records.hasNext()) {
            Optional<VerificationResult.Broken> broken = cursor.accept(records.next());
            if (broken.isPresent()) {
                return broken.get();
            }
        }
        return cursor.result();
    }
}
