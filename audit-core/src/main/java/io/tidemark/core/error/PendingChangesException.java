package io.tidemark.core.error;

import io.tidemark.core.Plan;
import io.tidemark.core.PlannedChange;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A validate-only start ({@code tidemark.mode=validate}, or the builder's {@code validateOnly()})
 * found the chain not up to date: changes would run, or issues need a decision. Nothing was applied,
 * no lock was taken and nothing was written. The message names each pending change and each issue;
 * {@link #plan()} holds the whole plan.
 *
 * <p>Not transient: starting again changes nothing until the changes are applied (by a run that is
 * not validate-only, such as a separate migration job) or the issues resolved.
 */
public class PendingChangesException extends NonTransientTidemarkException {

    private static final long serialVersionUID = 1L;

    private final transient Plan plan;

    /**
     * Creates the exception, its message rendered from the plan.
     *
     * @param plan the plan the validate-only start found
     */
    public PendingChangesException(Plan plan) {
        super(render(plan));
        this.plan = plan;
    }

    /** {@return the plan that was found} */
    public Plan plan() {
        return plan;
    }

    /** {@return the changes that keep the chain from being up to date, in order: to run, issues and blocked} */
    public List<PlannedChange> pending() {
        return plan.pending();
    }

    private static String render(Plan plan) {
        return "Validate-only start on chain '" + plan.chain() + "': "
                + plan.toRun().size()
                + " change(s) would run, " + plan.issues().size() + " issue(s) need a decision"
                + (plan.blocked().isEmpty() ? "" : ", " + plan.blocked().size() + " change(s) wait behind them")
                + "; nothing was applied (tip seq " + plan.tipSeq() + ")."
                + plan.pending().stream()
                        .map(c -> System.lineSeparator() + "  - " + c.describe())
                        .collect(Collectors.joining())
                + System.lineSeparator() + "Apply them with a run that is not validate-only (tidemark.mode=run, the "
                + "default; for example the deployment's migration job), after resolving any issue with "
                + "`tidemark issues`; then start again.";
    }
}
