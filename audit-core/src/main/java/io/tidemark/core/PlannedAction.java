package io.tidemark.core;

/**
 * What a run started now would do with one change unit, as {@link Tidemark#plan()} tells it. The same
 * decision table as the run's (see the README, "How a run works"), plus {@link #BLOCKED} for a change
 * the run would not reach.
 */
public enum PlannedAction {
    /**
     * The run would apply it: no record yet, rolled back (or marked so), a transactional change whose
     * attempt committed nothing, or an unfinished change with {@code recovery = RETRY}.
     */
    RUN,
    /** Applied (or marked applied) before: the run skips it. */
    SKIP_APPLIED,
    /**
     * Left unfinished by an earlier run (latest record {@code STARTED}, {@code FAILED} without rollback,
     * or {@code ROLLBACK_FAILED}): the run stops before it until an operator marks it applied or rolled
     * back.
     */
    ISSUE,
    /**
     * Would run, but an {@link #ISSUE} earlier in the order stops the run first: once the issue is
     * resolved, it runs. A report calls it {@link ChangeOutcome#NOT_REACHED}.
     */
    BLOCKED;

    /** {@return whether this change keeps the chain from being up to date: anything but {@link #SKIP_APPLIED}} */
    public boolean isPending() {
        return this != SKIP_APPLIED;
    }
}
