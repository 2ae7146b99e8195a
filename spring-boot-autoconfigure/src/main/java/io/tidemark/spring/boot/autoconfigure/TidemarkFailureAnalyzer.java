package io.tidemark.spring.boot.autoconfigure;

import io.tidemark.core.PendingIssue;
import io.tidemark.core.PlannedChange;
import io.tidemark.core.error.ChainBrokenException;
import io.tidemark.core.error.ChangeFailedException;
import io.tidemark.core.error.ConfigurationException;
import io.tidemark.core.error.IssuesPendingException;
import io.tidemark.core.error.LockLostException;
import io.tidemark.core.error.LockTimeoutException;
import io.tidemark.core.error.PendingChangesException;
import io.tidemark.core.error.StoreUnavailableException;
import io.tidemark.core.error.TidemarkException;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains a {@link TidemarkException} that stopped the application from starting, as Spring Boot's
 * "APPLICATION FAILED TO START" report: the description is Tidemark's own message (its one clear
 * sentence, or every configuration problem), the action says what to do about this kind of failure, with
 * the operator commands that resolve an issue. Registered in {@code META-INF/spring.factories}.
 */
public final class TidemarkFailureAnalyzer extends AbstractFailureAnalyzer<TidemarkException> {

    private static final String NL = System.lineSeparator();

    /** Instantiated by Spring Boot when an application fails to start. */
    public TidemarkFailureAnalyzer() {}

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, TidemarkException cause) {
        return new FailureAnalysis(
                "Tidemark stopped the application from starting: " + description(cause), action(cause), cause);
    }

    private static String description(TidemarkException cause) {
        if (cause instanceof ConfigurationException configuration
                && configuration.problems().size() > 1) {
            return "the configuration has " + configuration.problems().size() + " problems:" + NL
                    + configuration.problems().stream()
                            .map(problem -> "  - " + problem)
                            .collect(Collectors.joining(NL));
        }
        return cause.getMessage();
    }

    /** What to do, by kind of failure. */
    static String action(TidemarkException cause) {
        if (cause instanceof IssuesPendingException pending) {
            return "Check what each unfinished change did to the data, then resolve it with the operator command line "
                    + "(same tidemark.* settings as the application) and start again:" + NL
                    + resolving(pending.issues());
        }
        if (cause instanceof ChangeFailedException failed) {
            return "The failure of change '" + failed.changeId()
                    + "' is recorded in the audit log. Fix the change unit "
                    + "(or the data it works on) and start again. If it left partial work that its rollback did not undo, "
                    + "the next start reports it as an issue to resolve with `tidemark issues`.";
        }
        if (cause instanceof PendingChangesException pending) {
            return "The application starts validate-only (tidemark.mode=validate) and changes are pending: "
                    + pending.pending().stream().map(PlannedChange::changeId).collect(Collectors.joining(", "))
                    + ". Run the migration job (or `tidemark plan` to see them) first, or set tidemark.mode=run.";
        }
        if (cause instanceof LockTimeoutException) {
            return "Another instance held the chain's lock for longer than tidemark.lock.timeout. Start again once it "
                    + "finished; if its holder died, `tidemark lock show` and `tidemark lock release` free the lock "
                    + "(or wait until the lease expires), or raise tidemark.lock.timeout.";
        }
        if (cause instanceof LockLostException) {
            return "This instance lost the chain's lock while running (its lease was not extended in time). Start again; "
                    + "`tidemark issues` shows any change it left unfinished.";
        }
        if (cause instanceof StoreUnavailableException) {
            return "Check that the audit store is reachable with the configured tidemark.* settings (or the client "
                    + "bean's), then start again; `tidemark doctor` checks the store. Set tidemark.enabled=false to "
                    + "start without Tidemark.";
        }
        if (cause instanceof ChainBrokenException) {
            return "The audit log does not verify: a record was changed or removed outside Tidemark. Investigate with "
                    + "`tidemark verify` and `tidemark history` before anything runs again.";
        }
        if (cause instanceof ConfigurationException) {
            return "Correct the tidemark.* properties (application.properties or application.yml, --tidemark.*=... "
                    + "arguments, TIDEMARK_* environment variables) or the change units as described. Change units are "
                    + "looked for in tidemark.scan-packages, else in the application's package; set "
                    + "tidemark.enabled=false to start without Tidemark.";
        }
        return "See the message above and Tidemark's README; set tidemark.enabled=false to start without Tidemark.";
    }

    private static String resolving(List<PendingIssue> issues) {
        return issues.stream()
                .map(issue -> "  - " + issue.changeId() + ": tidemark mark-applied " + issue.changeId()
                        + " --reason \"...\"   (its effect is complete), or tidemark mark-rolled-back "
                        + issue.changeId()
                        + " --reason \"...\"   (undone by hand; it runs again)")
                .collect(Collectors.joining(NL));
    }
}
