package io.tidemark.it.scenario;

import io.tidemark.spi.AuditRecord;
import io.tidemark.spi.AuditState;
import io.tidemark.spi.AuditStore;
import java.util.List;
import java.util.stream.Stream;

/**
 * One record of a chain reduced to what must be the same on every backend: which change (empty for
 * a checkpoint) and what happened to it.
 */
public record HistoryStep(String changeId, AuditState state) {

    /** The whole chain of {@code store}, oldest first. */
    public static List<HistoryStep> of(AuditStore store, String chain) {
        try (Stream<AuditRecord> records = store.history().readAll(chain)) {
            return records.map(r -> new HistoryStep(r.changeId(), r.state())).toList();
        }
    }

    /** The states {@code changeId} went through, in order. */
    public static List<AuditState> statesOf(List<HistoryStep> history, String changeId) {
        return history.stream()
                .filter(step -> step.changeId().equals(changeId))
                .map(HistoryStep::state)
                .toList();
    }

    @Override
    public String toString() {
        return (changeId.isEmpty() ? "-" : changeId) + ":" + state;
    }
}
