package io.tidemark.core;

import io.tidemark.spi.AuditRecord;
import java.util.Objects;

/**
 * A change left unfinished that the engine will not run without a decision.
 *
 * @param changeId the change
 * @param latest   its latest record (state {@code STARTED}, {@code FAILED} or {@code ROLLBACK_FAILED})
 */
public record PendingIssue(String changeId, AuditRecord latest) {

    /**
     * Checks that both fields are set.
     *
     * @param changeId the change
     * @param latest   its latest record (state {@code STARTED}, {@code FAILED} or {@code ROLLBACK_FAILED})
     */
    public PendingIssue {
        Objects.requireNonNull(changeId, "changeId");
        Objects.requireNonNull(latest, "latest");
    }

    /** {@return one line saying what happened and how to resolve it} */
    public String describe() {
        String what = switch (latest.state()) {
            case STARTED -> "was left STARTED (the process running it stopped before recording an outcome)";
            case FAILED -> "FAILED and was not rolled back";
            case ROLLBACK_FAILED -> "FAILED and its rollback failed too";
            default -> "is in state " + latest.state();
        };
        String error = latest.hasError() ? " [" + latest.errorType() + ": " + latest.errorMessage() + "]" : "";
        return String.format(
                "change '%s' %s at seq %d by %s on %s%s. Check what it changed, then mark it applied "
                        + "or rolled back (OperatorApi.markApplied/markRolledBack, or `tidemark mark-applied %s --reason ...`)",
                changeId, what, latest.seq(), latest.instanceId(), latest.timestamp(), error, changeId);
    }
}
