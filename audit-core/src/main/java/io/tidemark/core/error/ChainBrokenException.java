package io.tidemark.core.error;

/**
 * The audit chain failed verification: a record was edited, removed or reordered outside
 * Tidemark. The message names the first broken sequence.
 */
public class ChainBrokenException extends NonTransientTidemarkException {

    private final String chain;
    private final long seq;

    public ChainBrokenException(String chain, long seq, String message) {
        super(message);
        this.chain = chain;
        this.seq = seq;
    }

    /** The chain that failed. */
    public String chain() {
        return chain;
    }

    /** The first sequence where the chain is broken. */
    public long seq() {
        return seq;
    }
}
