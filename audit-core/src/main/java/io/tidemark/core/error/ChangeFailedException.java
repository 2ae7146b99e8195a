package io.tidemark.core.error;

import io.tidemark.core.RunReport;

/**
 * A change unit threw. The audit log holds its {@code FAILED} record and, when it has a rollback,
 * {@code ROLLED_BACK} or {@code ROLLBACK_FAILED}. The run stopped there; the cause is the change's
 * own exception.
 */
public class ChangeFailedException extends NonTransientTidemarkException {

    private final String changeId;
    private final transient RunReport report;

    public ChangeFailedException(String changeId, String message, Throwable cause, RunReport report) {
        super(message, cause);
        this.changeId = changeId;
        this.report = report;
    }

    /** The change that failed. */
    public String changeId() {
        return changeId;
    }

    /** What the run did up to and including the failure. */
    public RunReport report() {
        return report;
    }
}
