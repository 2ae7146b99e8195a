package io.tidemark.core.chain;

import io.tidemark.core.error.ChainBrokenException;

/** The outcome of verifying one chain from its first record to its tip. */
public sealed interface VerificationResult permits VerificationResult.Intact, VerificationResult.Broken {

    /** The chain verified. */
    String chain();

    /** Whether every record is intact and linked. */
    boolean isIntact();

    /** Throws {@link ChainBrokenException} when the chain is broken. */
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
        public void orThrow() {
        }
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

        /** One sentence naming the chain, the sequence and what is wrong. */
        public String describe() {
            return "Audit chain '" + chain + "' is broken at seq " + seq + " (" + kind + "): " + detail;
        }
    }
}
