package io.tidemark.core.error;

/**
 * The audit chain failed verification: a record was edited, removed or reordered outside
 * Tidemark. The message names the first broken sequence.
 */
public class ChainBrokenException extends NonTransientTidemarkException {

    private static final long serialVersionUID = 1L;

    /** The chain that failed verification. */
    private final String chain;
    /** The first sequence where the chain is broken. */
    private final long seq;

    /**
     * A chain broken at {@code seq}.
     *
     * @param chain   the chain that failed verification
     * @param seq     the first sequence where it is broken
     * @param message what is wrong, naming the chain and the sequence
     */
    public ChainBrokenException(String chain, long seq, String message) {
        super(message);
        this.chain = chain;
        this.seq = seq;
    }

    /** {@return the chain that failed} */
    public String chain() {
        return chain;
    }

    /** {@return the first sequence where the chain is broken} */
    public long seq() {
        return seq;
    }
}
