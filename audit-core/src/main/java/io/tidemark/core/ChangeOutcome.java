package io.tidemark.core;

/** What a run did with one change. */
public enum ChangeOutcome {
    /** Ran and completed in this run. */
    APPLIED,
    /** Already applied (or marked applied) before this run. */
    ALREADY_APPLIED,
    /** Ran, threw, and has no rollback method. */
    FAILED,
    /** Ran, threw, and its rollback completed. */
    ROLLED_BACK,
    /** Ran, threw, and its rollback threw too. */
    ROLLBACK_FAILED,
    /** Left unfinished by an earlier run and needs an operator's decision; not run. */
    ISSUE,
    /** Not reached: the run stopped at an earlier failure or issue. */
    NOT_REACHED;

    /** {@return whether the change counts as done after this run} */
    public boolean isDone() {
        return this == APPLIED || this == ALREADY_APPLIED;
    }
}
