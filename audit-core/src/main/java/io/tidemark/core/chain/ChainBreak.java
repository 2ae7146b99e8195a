package io.tidemark.core.chain;

/** How a chain was found broken. */
public enum ChainBreak {
    /** A record's content no longer matches its hash: a field was edited. */
    EDITED,
    /** A sequence number is absent: a record was removed, or the chain does not start at 1. */
    MISSING,
    /**
     * A record does not follow the one before it (its {@code previousHash} is another record's hash,
     * or sequences go backwards): records were reordered, or replaced.
     */
    REORDERED
}
