package io.tidemark.spi;

/** What one audit record says happened to a change. */
public enum AuditState {
    /** The engine is about to invoke the change; alone as the latest state it means the run never finished it. */
    STARTED,
    /** The change completed. */
    APPLIED,
    /** The change threw; the record carries the error. */
    FAILED,
    /** The change failed and its rollback completed; it will run again. */
    ROLLED_BACK,
    /** The change failed and so did its rollback; someone has to decide. */
    ROLLBACK_FAILED,
    /** An operator declared the change applied (record carries operator and reason). */
    MARKED_APPLIED,
    /** An operator declared the change undone; it will run again. */
    MARKED_ROLLED_BACK,
    /**
     * Not about one change: written by the engine after a run that applied something, holding a
     * digest of the change set that was then complete. A later start that finds it at the tip
     * with the same digest knows there is nothing to do without reading the history.
     */
    CHECKPOINT;

    /** {@return whether the change is done: it will be skipped} */
    public boolean meansApplied() {
        return this == APPLIED || this == MARKED_APPLIED;
    }
}
