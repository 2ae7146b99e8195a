package io.tidemark.core.operator;

import io.tidemark.spi.AuditRecord;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link OperatorApi#baseline} appended.
 *
 * @param chain          the chain
 * @param upToOrder      the order given: every change unit up to and including it is applied now
 * @param marked         the {@code MARKED_APPLIED} records appended, one per change unit that had no
 *                       record, in order (each carries {@link AuditRecord#META_BASELINE})
 * @param alreadyApplied change units at or below the order that were applied (or marked applied)
 *                       before, left as they were, in order
 * @param checkpoint     the checkpoint appended after the marks when they left every registered change
 *                       unit applied, so that the next start costs one read; empty otherwise
 */
public record Baseline(
        String chain,
        String upToOrder,
        List<AuditRecord> marked,
        List<String> alreadyApplied,
        Optional<AuditRecord> checkpoint) {

    /**
     * Copies the lists; every component is required.
     *
     * @param chain          the chain
     * @param upToOrder      the order given: every change unit up to and including it is applied now
     * @param marked         the {@code MARKED_APPLIED} records appended, one per change unit that had no
     *                       record, in order (each carries {@link AuditRecord#META_BASELINE})
     * @param alreadyApplied change units at or below the order that were applied (or marked applied)
     *                       before, left as they were, in order
     * @param checkpoint     the checkpoint appended after the marks when they left every registered change
     *                       unit applied, so that the next start costs one read; empty otherwise
     */
    public Baseline {
        Objects.requireNonNull(chain, "chain");
        Objects.requireNonNull(upToOrder, "upToOrder");
        marked = List.copyOf(marked);
        alreadyApplied = List.copyOf(alreadyApplied);
        Objects.requireNonNull(checkpoint, "checkpoint");
    }

    /** {@return the ids of the change units this baseline marked applied, in order} */
    public List<String> markedIds() {
        return marked.stream().map(AuditRecord::changeId).toList();
    }

    /** {@return the chain's tip after the baseline} */
    public long tipSeq() {
        return checkpoint
                .or(() -> marked.isEmpty() ? Optional.empty() : Optional.of(marked.get(marked.size() - 1)))
                .map(AuditRecord::seq)
                .orElse(0L);
    }
}
