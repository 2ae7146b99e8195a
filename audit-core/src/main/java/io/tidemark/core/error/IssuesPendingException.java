package io.tidemark.core.error;

import io.tidemark.core.PendingIssue;
import io.tidemark.core.RunReport;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The run reached a change that an earlier run left unfinished and that does not allow automatic
 * retry. Nothing after it ran. An operator must mark each issue applied or rolled back.
 */
public class IssuesPendingException extends NonTransientTidemarkException {

    private static final long serialVersionUID = 1L;

    private final transient List<PendingIssue> issues;
    private final transient RunReport report;

    /**
     * A run that stopped before unfinished changes.
     *
     * @param issues the unfinished changes, in order; the message describes each
     * @param report what the run did before it stopped
     */
    public IssuesPendingException(List<PendingIssue> issues, RunReport report) {
        super(render(issues));
        this.issues = List.copyOf(issues);
        this.report = report;
    }

    /** {@return the unfinished changes, in order} */
    public List<PendingIssue> issues() {
        return issues;
    }

    /** {@return what the run did before it stopped} */
    public RunReport report() {
        return report;
    }

    private static String render(List<PendingIssue> issues) {
        return "The run stopped before " + issues.size() + " unfinished change(s) that need a decision:"
                + issues.stream()
                        .map(i -> System.lineSeparator() + "  - " + i.describe())
                        .collect(Collectors.joining());
    }
}
