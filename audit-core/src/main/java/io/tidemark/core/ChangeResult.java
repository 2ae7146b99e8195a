package io.tidemark.core;

import java.time.Duration;
import java.util.Objects;

/**
 * What one run did with one change.
 *
 * @param changeId the change
 * @param order    its order
 * @param outcome  what happened
 * @param duration how long this run spent on it (zero when it did not run)
 * @param detail   the error or the reason it did not run, or {@code ""}
 */
public record ChangeResult(String changeId, String order, ChangeOutcome outcome, Duration duration, String detail) {

    /**
     * Checks that every field is set.
     *
     * @param changeId the change
     * @param order    its order
     * @param outcome  what happened
     * @param duration how long this run spent on it (zero when it did not run)
     * @param detail   the error or the reason it did not run, or {@code ""}
     */
    public ChangeResult {
        Objects.requireNonNull(changeId, "changeId");
        Objects.requireNonNull(order, "order");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(duration, "duration");
        Objects.requireNonNull(detail, "detail");
    }
}
