package io.tidemark.core;

import io.tidemark.spi.AuditRecord;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * What a run started now would do, change unit by change unit, computed by {@link Tidemark#plan()}
 * with the run's own decision logic, without taking the lock and without writing anything.
 *
 * <p>A plan is a snapshot: another instance may run, or an operator mark a change, right after it was
 * read. A run always decides again, under the lock.
 *
 * @param chain              the audit chain
 * @param changes            one entry per change unit, in the order they run
 * @param tipSeq             the chain's highest sequence when the plan was read (0 for an empty chain)
 * @param tipHash            the hash of that record ({@link AuditRecord#GENESIS_HASH} for an empty chain),
 *                           to compare with a tip hash kept elsewhere
 * @param endsWithCheckpoint whether the chain ends with a checkpoint of exactly this change set, so that
 *                           the plan took one read of the tip and no record of a change was read (every
 *                           {@link PlannedChange#latest()} is then empty)
 */
public record Plan(String chain, List<PlannedChange> changes, long tipSeq, String tipHash, boolean endsWithCheckpoint) {

    /**
     * Copies the list; every component is required.
     *
     * @param chain              the audit chain
     * @param changes            one entry per change unit, in the order they run
     * @param tipSeq             the chain's highest sequence when the plan was read (0 for an empty chain)
     * @param tipHash            the hash of that record ({@link AuditRecord#GENESIS_HASH} for an empty chain),
     *                           to compare with a tip hash kept elsewhere
     * @param endsWithCheckpoint whether the chain ends with a checkpoint of exactly this change set, so that
     *                           the plan took one read of the tip and no record of a change was read (every
     *                           {@link PlannedChange#latest()} is then empty)
     */
    public Plan {
        Objects.requireNonNull(chain, "chain");
        changes = List.copyOf(changes);
        Objects.requireNonNull(tipHash, "tipHash");
    }

    /** {@return true when every change unit is applied: a run would do nothing} */
    public boolean upToDate() {
        return changes.stream().noneMatch(c -> c.action().isPending());
    }

    /** {@return the changes a run would apply now, in order} */
    public List<PlannedChange> toRun() {
        return withAction(PlannedAction.RUN);
    }

    /** {@return the changes left unfinished that stop a run until an operator decides, in order} */
    public List<PlannedChange> issues() {
        return withAction(PlannedAction.ISSUE);
    }

    /** {@return the changes that would run but for an issue before them, in order} */
    public List<PlannedChange> blocked() {
        return withAction(PlannedAction.BLOCKED);
    }

    /** {@return the changes already applied, in order} */
    public List<PlannedChange> applied() {
        return withAction(PlannedAction.SKIP_APPLIED);
    }

    /** {@return every change that keeps the chain from being up to date (to run, issues, blocked), in order} */
    public List<PlannedChange> pending() {
        return changes.stream().filter(c -> c.action().isPending()).toList();
    }

    private List<PlannedChange> withAction(PlannedAction action) {
        return changes.stream().filter(c -> c.action() == action).toList();
    }

    /** {@return a few lines for a person: the counts, then one line per change that is not applied} */
    public String summary() {
        StringBuilder text = new StringBuilder();
        text.append(String.format(
                "Plan for chain '%s' (tip seq %d): %s",
                chain,
                tipSeq,
                upToDate()
                        ? "up to date, " + changes.size() + " change(s) applied"
                        : toRun().size() + " to run, " + issues().size() + " issue(s), "
                                + blocked().size() + " blocked, " + applied().size() + " applied"));
        text.append(pending().stream()
                .map(c -> System.lineSeparator() + "  " + c.describe())
                .collect(Collectors.joining()));
        return text.toString();
    }
}
