package io.tidemark.core.event;

import io.tidemark.core.RunReport;
import java.time.Instant;
import java.util.Objects;

/**
 * The run ended normally, every change being done ({@link RunReport#isComplete()}); {@code run()}
 * returns {@code report} next. The last event of such a run, the lock already released. After it, no
 * change of the chain needs an operator's decision.
 *
 * @param chain       the audit chain
 * @param executionId the run's identity
 * @param at          when the run ended
 * @param report      what the run did, as {@code run()} returns it
 */
public record RunFinished(String chain, String executionId, Instant at, RunReport report) implements TidemarkEvent {

    /**
     * Checks that no component is null.
     *
     * @param chain the audit chain
     * @param executionId the run's identity
     * @param at when the run ended
     * @param report what the run did, as {@code run()} returns it
     */
    public RunFinished {
        Objects.requireNonNull(chain, "chain");
        Objects.requireNonNull(executionId, "executionId");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(report, "report");
    }
}
