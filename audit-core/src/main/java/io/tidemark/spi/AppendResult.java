package io.tidemark.spi;

/**
 * The outcome of appending a record at a sequence: either it is in the chain now, or another
 * record already held that sequence. Contention is an ordinary outcome, so it is a value and not
 * an exception; failures of the backend itself are exceptions.
 */
public sealed interface AppendResult permits AppendResult.Appended, AppendResult.SequenceConflict {

    /** The record is stored at {@code seq}. */
    record Appended(long seq) implements AppendResult {}

    /** A record already existed at {@code seq} of {@code chain}; nothing was written. */
    record SequenceConflict(String chain, long seq) implements AppendResult {}
}
