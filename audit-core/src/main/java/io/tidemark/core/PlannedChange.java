package io.tidemark.core;

import io.tidemark.spi.AuditRecord;
import java.util.Objects;
import java.util.Optional;

/**
 * One change unit in a {@link Plan}: what a run started now would do with it, and why.
 *
 * @param changeId the change's id
 * @param order    its order
 * @param action   what a run would do with it
 * @param latest   its latest record, which the action follows from: empty when the chain holds no
 *                 record of it, and also when the plan was read from a checkpoint
 *                 ({@link Plan#endsWithCheckpoint()}: the checkpoint vouches for every change, and the
 *                 records are not read)
 */
public record PlannedChange(String changeId, String order, PlannedAction action, Optional<AuditRecord> latest) {

    /**
     * Checks the components.
     *
     * @param changeId the change's id
     * @param order    its order
     * @param action   what a run would do with it
     * @param latest   its latest record, which the action follows from: empty when the chain holds no
     *                 record of it, and also when the plan was read from a checkpoint
     *                 ({@link Plan#endsWithCheckpoint()}: the checkpoint vouches for every change, and the
     *                 records are not read)
     * @throws IllegalArgumentException when an issue comes without the record that makes it
     */
    public PlannedChange {
        Objects.requireNonNull(changeId, "changeId");
        Objects.requireNonNull(order, "order");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(latest, "latest");
        if (action == PlannedAction.ISSUE && latest.isEmpty()) {
            throw new IllegalArgumentException("An issue is made by a record: change '" + changeId + "' has none");
        }
    }

    /** {@return the issue this change is, for an {@link PlannedAction#ISSUE}; empty otherwise} */
    public Optional<PendingIssue> issue() {
        return action == PlannedAction.ISSUE
                ? Optional.of(new PendingIssue(changeId, latest.orElseThrow()))
                : Optional.empty();
    }

    /**
     * One line for a person: the action, order and id, and why (the latest record's state and
     * sequence; for an issue, what happened and how to resolve it).
     *
     * @return the line, without a line break
     */
    public String describe() {
        String why = switch (action) {
            case ISSUE -> issue().orElseThrow().describe();
            case BLOCKED ->
                "would run, after the issue before it is resolved"
                        + latest.map(l -> " (latest " + l.state() + " at seq " + l.seq() + ")")
                                .orElse("");
            default ->
                latest.map(l -> "latest " + l.state() + " at seq " + l.seq())
                        .orElse(action == PlannedAction.RUN ? "no record yet" : "covered by the checkpoint at the tip");
        };
        return String.format("%-12s %-10s %s: %s", action, order, changeId, why);
    }
}
