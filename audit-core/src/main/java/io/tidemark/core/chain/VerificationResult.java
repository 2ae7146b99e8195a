package io.tidemark.core.chain;

import io.tidemark.core.error.ChainBrokenException;
import io.tidemark.core.error.UnreadableRecordException;

/**
 * The outcome of verifying one chain from its first record to its tip: intact, broken (tampered
 * with), or not verifiable by this version because a record cannot be read (written by a newer
 * version, most likely).
 */
public sealed interface VerificationResult
        permits VerificationResult.Intact, VerificationResult.Broken, VerificationResult.Unreadable {

    /** {@return the chain verified} */
    String chain();

    /** {@return whether every record is intact and linked} */
    boolean isIntact();

    /**
     * Throws {@link ChainBrokenException} when the chain is broken, {@link UnreadableRecordException}
     * when a record could not be read.
     */
    void orThrow();

    /**
     * Every record is intact and linked to the one before it.
     *
     * @param records how many records were checked
     * @param tipSeq  the last sequence (0 for an empty chain)
     * @param tipHash the last hash; keep it elsewhere to detect a rewrite of the whole chain later
     */
    record Intact(String chain, long records, long tipSeq, String tipHash) implements VerificationResult {
        @Override
        public boolean isIntact() {
            return true;
        }

        @Override
        public void orThrow() {}
    }

    /**
     * The first place the chain is broken.
     *
     * @param seq           the first broken sequence
     * @param kind          how it is broken
     * @param detail        what was found, for a person
     * @param recordsBefore how many records before it verified
     */
    record Broken(String chain, long seq, ChainBreak kind, String detail, long recordsBefore)
            implements VerificationResult {
        @Override
        public boolean isIntact() {
            return false;
        }

        @Override
        public void orThrow() {
            throw new ChainBrokenException(chain, seq, describe());
        }

        /** {@return one sentence naming the chain, the sequence and what is wrong} */
        public String describe() {
            return "Audit chain '" + chain + "' is broken at seq " + seq + " (" + kind + "): " + detail;
        }
    }

    /**
     * A record could not be read by this version of Tidemark, so the chain could not be verified
     * from it on. Not evidence of tampering: a newer Tidemark version most likely wrote it; upgrade
     * and verify again.
     *
     * @param seq           the record that could not be read
     * @param problem       what could not be read, and what to do
     * @param recordsBefore how many records before it verified
     */
    record Unreadable(String chain, long seq, UnreadableRecordException problem, long recordsBefore)
            implements VerificationResult {
        @Override
        public boolean isIntact() {
            return false;
        }

        @Override
        public void orThrow() {
            throw problem;
        }

        /** {@return one sentence naming the chain, the sequence and what to do} */
        public String describe() {
            return "Audit chain '" + chain + "' could not be verified from seq " + seq + " on (" + recordsBefore
                    + " records before it verified): " + problem.getMessage();
        }
    }
}
