package io.tidemark.test;

import io.tidemark.core.ChangeOutcome;
import io.tidemark.core.ChangeResult;
import io.tidemark.core.RunReport;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Assertions on what one run did ({@link RunReport}), from
 * {@link TidemarkAssertions#assertThat(RunReport)}. Each method returns an assertion to chain on, and
 * fails with a message that says what was expected, what the run did instead, and the run's summary.
 */
public class RunReportAssert {

    /** The report under test. */
    protected final RunReport report;

    RunReportAssert(RunReport report) {
        this.report = Objects.requireNonNull(report, "report");
    }

    /**
     * Asserts that the run applied exactly these changes: each of them, and no other. Add
     * {@link AppliedAssert#inOrder()} to check the order too.
     *
     * @param changeIds the ids of the changes the run must have applied, at least one
     * @return an assertion that can also check the order, and chains like this one
     * @throws IllegalArgumentException when no id is given (use {@link #appliedNothing()}) or an id is null
     * @throws org.opentest4j.AssertionFailedError when a change is missing or another was applied, naming each
     */
    public AppliedAssert applied(String... changeIds) {
        requireIds(changeIds);
        List<String> actual = ids(report.applied());
        exactly("apply", "applied", List.of(changeIds), actual);
        return new AppliedAssert(report, List.of(changeIds));
    }

    /**
     * Asserts that the run applied nothing: every change was applied before, or it stopped before the first.
     *
     * @return this assertion, for chaining
     * @throws org.opentest4j.AssertionFailedError naming every change the run applied
     */
    public RunReportAssert appliedNothing() {
        exactly("apply", "applied", List.of(), ids(report.applied()));
        return this;
    }

    /**
     * Asserts that the run skipped exactly these changes as applied before, and no other.
     *
     * @param changeIds the ids of the changes the run must have skipped, at least one
     * @return this assertion, for chaining
     * @throws IllegalArgumentException when no id is given or an id is null
     * @throws org.opentest4j.AssertionFailedError when a change is missing or another was skipped, naming each
     */
    public RunReportAssert skipped(String... changeIds) {
        requireIds(changeIds);
        exactly("skip as already applied", "skipped", List.of(changeIds), ids(report.skipped()));
        return this;
    }

    /**
     * Asserts that every change was applied before: the run found nothing to do.
     *
     * @return this assertion, for chaining
     * @throws org.opentest4j.AssertionFailedError when the run had something to do
     */
    public RunReportAssert nothingToDo() {
        if (!report.nothingToDo()) {
            throw Failures.failure("Expected the run to find nothing to do, but it did not:" + summary());
        }
        return this;
    }

    /**
     * Asserts that every change is applied after the run: none failed, none is left as an issue or not reached.
     *
     * @return this assertion, for chaining
     * @throws org.opentest4j.AssertionFailedError when a change is not applied after the run
     */
    public RunReportAssert isComplete() {
        if (!report.isComplete()) {
            throw Failures.failure("Expected every change to be applied after the run, but some are not:" + summary());
        }
        return this;
    }

    /**
     * Asserts that the run did not take the lock: it found nothing to do from the chain's tip alone.
     *
     * @return this assertion, for chaining
     * @throws org.opentest4j.AssertionFailedError when the run took the lock
     */
    public RunReportAssert tookNoLock() {
        if (report.lockAcquired()) {
            throw Failures.failure(
                    "Expected the run to find nothing to do without taking the lock, but it took it:" + summary());
        }
        return this;
    }

    /**
     * Asserts that what the run did with {@code changeId} is {@code outcome}.
     *
     * @param changeId the change's id
     * @param outcome  the outcome expected
     * @return this assertion, for chaining
     * @throws org.opentest4j.AssertionFailedError when the change had another outcome, or the run knows no such change
     */
    public RunReportAssert hasOutcome(String changeId, ChangeOutcome outcome) {
        Objects.requireNonNull(outcome, "outcome");
        ChangeResult result = result(changeId);
        if (result.outcome() != outcome) {
            throw Failures.failure(
                    "Expected change '" + changeId + "' to be " + outcome + " in the run, but it was "
                            + result.outcome() + detailOf(result) + ":" + summary(),
                    outcome,
                    result.outcome());
        }
        return this;
    }

    /**
     * Asserts that the run stopped before exactly these changes, each left unfinished by an earlier run.
     *
     * @param changeIds the ids of the unfinished changes; none to assert that there was no issue
     * @return this assertion, for chaining
     * @throws org.opentest4j.AssertionFailedError when a change is missing or another was an issue, naming each
     */
    public RunReportAssert hasIssues(String... changeIds) {
        exactly("stop before the unfinished changes", "stopped before", List.of(changeIds), ids(report.issues()));
        return this;
    }

    /**
     * The change that failed in this run is {@code changeId}; the returned assertion checks how. The
     * report knows the error by its class name and message only; to check a subtype, assert on the
     * {@link io.tidemark.core.error.ChangeFailedException} instead
     * ({@link TidemarkAssertions#assertRunFails}).
     *
     * @param changeId the id of the change that must have failed
     * @return assertions on how that change failed
     * @throws org.opentest4j.AssertionFailedError when no change failed, or another one did
     */
    public ChangeFailureAssert failed(String changeId) {
        Optional<ChangeResult> failed = report.failed();
        if (failed.isEmpty()) {
            throw Failures.failure(
                    "Expected change '" + changeId + "' to fail in the run, but no change failed:" + summary());
        }
        if (!failed.get().changeId().equals(changeId)) {
            throw Failures.failure(
                    "Expected change '" + changeId + "' to fail in the run, but '"
                            + failed.get().changeId() + "' failed" + detailOf(failed.get()) + ":" + summary(),
                    changeId,
                    failed.get().changeId());
        }
        return new ChangeFailureAssert(failed.get(), Optional.empty(), report);
    }

    /** {@return the report itself, to go on with other assertions} */
    public RunReport report() {
        return report;
    }

    private ChangeResult result(String changeId) {
        return report.changes().stream()
                .filter(c -> c.changeId().equals(changeId))
                .findFirst()
                .orElseThrow(() -> Failures.failure("The run knows no change '" + changeId + "'; its changes: "
                        + ids(report.changes()) + summary()));
    }

    /** Fails unless {@code actual} holds exactly the ids {@code expected} holds, in any order. */
    private void exactly(String verb, String done, List<String> expected, List<String> actual) {
        if (new HashSet<>(expected).equals(new HashSet<>(actual)) && expected.size() == actual.size()) {
            return;
        }
        Set<String> missing = new LinkedHashSet<>(expected);
        missing.removeAll(actual);
        Set<String> extra = new LinkedHashSet<>(actual);
        extra.removeAll(expected);
        StringBuilder text = new StringBuilder("Expected the run to " + verb + " "
                + (expected.isEmpty() ? "nothing" : "exactly " + expected) + ", but it "
                + done + " " + (actual.isEmpty() ? "none" : actual) + ".");
        for (String id : missing) {
            text.append(System.lineSeparator())
                    .append("  not done: '")
                    .append(id)
                    .append("'")
                    .append(report.changes().stream()
                            .filter(c -> c.changeId().equals(id))
                            .findFirst()
                            .map(c -> " (" + c.outcome() + detailOf(c) + ")")
                            .orElse(" (the run knows no such change)"));
        }
        for (String id : extra) {
            text.append(System.lineSeparator())
                    .append("  not expected: '")
                    .append(id)
                    .append("'");
        }
        throw Failures.failure(text + summary(), expected, actual);
    }

    static String detailOf(ChangeResult result) {
        return result.detail().isEmpty() ? "" : ": " + result.detail();
    }

    static List<String> ids(List<ChangeResult> results) {
        return results.stream().map(ChangeResult::changeId).toList();
    }

    /** The run's summary, for the end of a message. */
    String summary() {
        return System.lineSeparator() + "The run:" + System.lineSeparator() + Failures.indented(report.summary(), "  ");
    }

    private static void requireIds(String[] changeIds) {
        if (changeIds.length == 0) {
            throw new IllegalArgumentException("Name at least one change id (or use appliedNothing())");
        }
        if (Arrays.stream(changeIds).anyMatch(Objects::isNull)) {
            throw new IllegalArgumentException("Change ids must not be null");
        }
    }

    /** {@link #applied} passed; {@link #inOrder()} also checks the order. */
    public static final class AppliedAssert extends RunReportAssert {

        private final List<String> expected;

        AppliedAssert(RunReport report, List<String> expected) {
            super(report);
            this.expected = expected;
        }

        /**
         * Asserts that the run applied them in the order given (a run applies changes in their order).
         *
         * @return an assertion on the same report, for chaining
         * @throws org.opentest4j.AssertionFailedError when the run applied them in another order
         */
        public RunReportAssert inOrder() {
            List<String> actual = ids(report.applied());
            if (!actual.equals(expected)) {
                throw Failures.failure(
                        "Expected the run to apply " + expected + " in this order, but it applied them "
                                + "in the order " + actual + summary(),
                        expected,
                        actual);
            }
            return this;
        }
    }
}
