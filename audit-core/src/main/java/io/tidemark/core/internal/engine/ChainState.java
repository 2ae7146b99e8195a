package io.tidemark.core.internal.engine;

import io.tidemark.spi.AuditRecord;
import io.tidemark.spi.AuditState;
import io.tidemark.spi.ExecutionHistory;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * What the engine needs to know of a chain: its tip (sequence and hash, to append after it) and the
 * latest record of each change. Built from one streaming read and brought up to date with the
 * records appended since; memory grows with the number of changes, not with the history.
 */
public final class ChainState {

    private final String chain;
    private final boolean tracksChanges;
    private final Map<String, AuditRecord> latestByChange = new HashMap<>();
    private AuditRecord tip;

    private ChainState(String chain, boolean tracksChanges) {
        this.chain = chain;
        this.tracksChanges = tracksChanges;
    }

    /** The state of an empty chain. */
    public static ChainState empty(String chain) {
        return new ChainState(chain, true);
    }

    /**
     * The state of an empty chain that remembers only its tip, not the latest record of each change:
     * for a writer that appends records it did not plan (an import), in constant memory.
     */
    public static ChainState tipOnly(String chain) {
        return new ChainState(chain, false);
    }

    /** Reads the whole chain. */
    public static ChainState read(ExecutionHistory history, String chain) {
        ChainState state = empty(chain);
        state.catchUp(history);
        return state;
    }

    /** Applies the records appended after the current tip. */
    public void catchUp(ExecutionHistory history) {
        try (Stream<AuditRecord> records = history.readFrom(chain, tipSeq() + 1)) {
            records.forEach(this::apply);
        }
    }

    /** Takes one record, appended after the current tip, into account. */
    public void apply(AuditRecord record) {
        tip = record;
        if (tracksChanges && record.state() != AuditState.CHECKPOINT) {
            latestByChange.put(record.changeId(), record);
        }
    }

    public String chain() {
        return chain;
    }

    /** The newest record, if the chain has any. */
    public Optional<AuditRecord> tip() {
        return Optional.ofNullable(tip);
    }

    /** The highest sequence, 0 for an empty chain. */
    public long tipSeq() {
        return tip == null ? 0 : tip.seq();
    }

    /** The hash a new record must name as its previous hash. */
    public String tipHash() {
        return tip == null ? AuditRecord.GENESIS_HASH : tip.hash();
    }

    /** The latest record about {@code changeId} (always empty for a {@link #tipOnly} state). */
    public Optional<AuditRecord> latestOf(String changeId) {
        return Optional.ofNullable(latestByChange.get(changeId));
    }

    /** Change ids with records, and the latest record of each. */
    public Map<String, AuditRecord> latestByChange() {
        return Map.copyOf(latestByChange);
    }
}
