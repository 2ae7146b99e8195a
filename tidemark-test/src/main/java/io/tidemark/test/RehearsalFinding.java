package io.tidemark.test;

import java.util.Objects;

/**
 * One problem a {@link ChangeSetRehearsal} found.
 *
 * @param changeId the change it is about ({@code ""} for the second run)
 * @param kind     what went wrong
 * @param message  what was seen, for a person: the states that differ, or the error
 */
public record RehearsalFinding(String changeId, Kind kind, String message) {

    /**
     * Requires every component.
     *
     * @param changeId the change it is about ({@code ""} for the second run)
     * @param kind     what went wrong
     * @param message  what was seen, for a person: the states that differ, or the error
     * @throws NullPointerException when a component is null
     */
    public RehearsalFinding {
        Objects.requireNonNull(changeId, "changeId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(message, "message");
    }

    /** What a rehearsal checks, and so what can go wrong. */
    public enum Kind {
        /** A change threw when applied (first, or again after its rollback); the rehearsal stopped there. */
        APPLY_FAILED,
        /** A change's rollback threw; the rehearsal stopped there. */
        ROLLBACK_FAILED,
        /** After a change's rollback the data differs from what it was before the change was applied. */
        ROLLBACK_INCOMPLETE,
        /** Applied again after its rollback, a change left the data different from its first application. */
        REAPPLY_DIFFERS,
        /** The second run of the change set applied something, or failed. */
        SECOND_RUN_NOT_IDLE,
        /** The second run of the change set, which applies nothing, changed the data. */
        SECOND_RUN_CHANGED_STATE,
        /** The {@link StateProbe} threw; the rehearsal stopped there. */
        PROBE_FAILED
    }
}
