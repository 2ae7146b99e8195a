package io.tidemark.core.error;

import io.tidemark.core.RunReport;
import java.util.Optional;

/**
 * The thread running Tidemark was interrupted: while waiting for the lock, before the run started,
 * or while a change ran (by another thread, or because the change left its thread's interrupt flag
 * set). The run stopped before its next change, after recording the outcome of the change in
 * progress and releasing the lock; the thread's interrupt flag is set again when this is thrown.
 * Run again to continue.
 */
public class RunInterruptedException extends TransientTidemarkException {

    private static final long serialVersionUID = 1L;

    private final transient RunReport report;

    /**
     * An interrupt noticed while waiting (for the lock, say).
     *
     * @param message what the run was doing
     * @param cause   the interrupt
     */
    public RunInterruptedException(String message, InterruptedException cause) {
        super(message, cause);
        this.report = null;
    }

    /**
     * An interrupt noticed before the run read or wrote anything.
     *
     * @param message what the run was doing
     */
    public RunInterruptedException(String message) {
        super(message);
        this.report = null;
    }

    /**
     * An interrupt noticed between changes; {@code report} says what the run did before it stopped.
     *
     * @param message what the run was doing
     * @param report  what the run did before it stopped
     */
    public RunInterruptedException(String message, RunReport report) {
        super(message);
        this.report = report;
    }

    /** {@return what the run did before it stopped, when it had taken the lock; empty for an interrupted wait} */
    public Optional<RunReport> report() {
        return Optional.ofNullable(report);
    }
}
