package io.tidemark.api;

/** What the engine does when it finds a change left unfinished by an earlier run. */
public enum Recovery {

    /**
     * Stop before the change and report it as an issue. An operator decides, by marking the
     * change applied or rolled back, whether it must run again. The safe default for changes that
     * are not idempotent.
     */
    MANUAL_INTERVENTION,

    /**
     * Run the change again without asking. Choose this only for changes that are idempotent, or
     * that check what an interrupted attempt left behind.
     */
    RETRY
}
