package io.tidemark.core.event;

import io.tidemark.core.PendingIssue;
import java.time.Instant;
import java.util.Objects;

/**
 * A change that an earlier run left unfinished ({@code STARTED}, {@code FAILED} without rollback,
 * {@code ROLLBACK_FAILED}) needs an operator's decision; the run does not run it nor any change after
 * it, and fails with {@link io.tidemark.core.error.IssuesPendingException}. Sent once per such change,
 * in order.
 *
 * @param chain       the audit chain
 * @param executionId the run's identity
 * @param at          when the run came to the change
 * @param issue       the change and its latest record, with a description of how to resolve it
 */
public record IssueFound(String chain, String executionId, Instant at, PendingIssue issue) implements TidemarkEvent {

    /**
     * Checks that no component is null.
     *
     * @param chain the audit chain
     * @param executionId the run's identity
     * @param at when the run came to the change
     * @param issue the change and its latest record, with a description of how to resolve it
     */
    public IssueFound {
        Objects.requireNonNull(chain, "chain");
        Objects.requireNonNull(executionId, "executionId");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(issue, "issue");
    }
}
