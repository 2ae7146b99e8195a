package io.tidemark.core.error;

import io.tidemark.core.RunReport;

/**
 * A change unit threw. The audit log holds its {@code FAILED} record and, when it has a rollback,
 * {@code ROLLED_BACK} or {@code ROLLBACK_FAILED}. The run stopped there; the cause is the change's
 * own exception.
 */
public class ChangeFailedException extends NonTransientTidemarkException {

    private static final long serialVersionUID = 1L;

    /** The change whose execution threw. */
    private final String changeId;

    private final transient RunReport report;

    /**
     * A change that threw, after its failure (and rollback, if any) was recorded.
     *
     * @param changeId the change that failed
     * @param message  what failed, for a person
     * @param cause    what the change threw
     * @param report   what the run did up to and including the failure
     */
    public ChangeFailedException(String changeId, String message, Throwable cause, RunReport report) {
        super(message, cause);
        this.changeId = changeId;
        this.report = report;
    }

    /** {@return the change that failed} */
    public String changeId() {
        return changeId;
    }

    /** {@return what the run did up to and including the failure} */
    public RunReport report() {
        return report;
    }
}
