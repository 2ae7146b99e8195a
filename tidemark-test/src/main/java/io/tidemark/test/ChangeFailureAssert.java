package io.tidemark.test;

import io.tidemark.core.ChangeOutcome;
import io.tidemark.core.ChangeResult;
import io.tidemark.core.RunReport;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Assertions on how a change failed, from {@link RunReportAssert#failed(String)},
 * {@link TidemarkAssertions#assertRunFails} or
 * {@link TidemarkAssertions#assertThat(io.tidemark.core.error.ChangeFailedException)}.
 */
public final class ChangeFailureAssert {

    /** What a report's detail appends to the change's error when its rollback threw too. */
    private static final String ROLLBACK_PART = "; rollback: ";
    /** An error as {@code Throwable.toString()} writes it: a class name, then its message if it has one. */
    private static final Pattern ERROR_TEXT = Pattern.compile("[\\p{L}_$][\\p{L}\\p{N}_$.]*(: .*)?", Pattern.DOTALL);

    private final ChangeResult result;
    private final Optional<Throwable> error;
    private final RunReport report;

    ChangeFailureAssert(ChangeResult result, Optional<Throwable> error, RunReport report) {
        this.result = result;
        this.error = error;
        this.report = report;
    }

    /**
     * Asserts that the change failed with an error of {@code type}: that type or a subtype when the
     * exception is known (from a {@code ChangeFailedException}), exactly that type when only the report is.
     *
     * @param type the error's expected type
     * @return this assertion, for chaining
     * @throws org.opentest4j.AssertionFailedError when the change failed with another type of error
     */
    public ChangeFailureAssert withError(Class<? extends Throwable> type) {
        Objects.requireNonNull(type, "type");
        String actualType = error.map(e -> e.getClass().getName()).orElseGet(this::typeInDetail);
        boolean matches = error.map(type::isInstance).orElse(type.getName().equals(actualType));
        if (!matches) {
            throw Failures.failure(
                    "Expected change '" + result.changeId() + "' to fail with " + type.getName()
                            + ", but it failed with " + actualType + ": " + message() + summary(),
                    type.getName(),
                    actualType);
        }
        return this;
    }

    /**
     * Asserts that the change's error message contains every one of {@code parts}. That is the message of
     * the error the change's execution threw, not its rollback's: when the rollback threw too, what it
     * said is not searched, from a report as from the exception.
     *
     * @param parts the texts the message must contain
     * @return this assertion, for chaining
     * @throws IllegalArgumentException when no part is given, or a null or empty one
     * @throws org.opentest4j.AssertionFailedError naming the first part the message lacks
     */
    public ChangeFailureAssert withMessageContaining(String... parts) {
        Failures.requireSomethingToCheck("withMessageContaining", "text", parts, "whatever the error says");
        String message = message();
        for (String part : parts) {
            if (!message.contains(part)) {
                throw Failures.failure(
                        "Expected the error of change '" + result.changeId() + "' to contain \"" + part
                                + "\", but its message is: " + message + summary(),
                        part,
                        message);
            }
        }
        return this;
    }

    /**
     * Asserts that the change had a rollback, and it completed (outcome {@code ROLLED_BACK}).
     *
     * @return this assertion, for chaining
     * @throws org.opentest4j.AssertionFailedError when the change ended with another outcome
     */
    public ChangeFailureAssert rolledBack() {
        return outcome(ChangeOutcome.ROLLED_BACK);
    }

    /**
     * Asserts that the change's rollback threw too (outcome {@code ROLLBACK_FAILED}).
     *
     * @return this assertion, for chaining
     * @throws org.opentest4j.AssertionFailedError when the change ended with another outcome
     */
    public ChangeFailureAssert rollbackFailed() {
        return outcome(ChangeOutcome.ROLLBACK_FAILED);
    }

    /**
     * Asserts that the change has no rollback (outcome {@code FAILED}).
     *
     * @return this assertion, for chaining
     * @throws org.opentest4j.AssertionFailedError when the change ended with another outcome
     */
    public ChangeFailureAssert withoutRollback() {
        return outcome(ChangeOutcome.FAILED);
    }

    /**
     * {@return the error the change threw, when it is known (from a {@code ChangeFailedException}); empty
     * when only the run report is, which keeps the error's type and message as text}
     */
    public Optional<Throwable> error() {
        return error;
    }

    private ChangeFailureAssert outcome(ChangeOutcome expected) {
        if (result.outcome() != expected) {
            throw Failures.failure(
                    "Expected change '" + result.changeId() + "' to end " + expected + ", but it ended "
                            + result.outcome() + RunReportAssert.detailOf(result) + summary(),
                    expected,
                    result.outcome());
        }
        return this;
    }

    /**
     * The error's message: the exception's own when known, else the report's detail after the type and
     * before what the report appends of a failed rollback ({@code "; rollback: <type>: <message>"}), so
     * that the rollback's words are not taken for the change's, as they are not when the exception is
     * known (its message is the change's own).
     */
    private String message() {
        if (error.isPresent()) {
            return String.valueOf(error.get().getMessage());
        }
        String detail = changeErrorInDetail();
        int colon = detail.indexOf(": ");
        return colon < 0 ? detail : detail.substring(colon + 2);
    }

    /** The report's detail without the failed rollback's part, which follows the change's error. */
    private String changeErrorInDetail() {
        String detail = result.detail();
        if (result.outcome() != ChangeOutcome.ROLLBACK_FAILED) {
            return detail;
        }
        // The first match: a change message holding the separator then fails an assertion (seen), where the
        // last would let a rollback message holding it pass one (unseen).
        for (int at = detail.indexOf(ROLLBACK_PART); at >= 0; at = detail.indexOf(ROLLBACK_PART, at + 1)) {
            if (ERROR_TEXT
                    .matcher(detail.substring(at + ROLLBACK_PART.length()))
                    .matches()) {
                return detail.substring(0, at);
            }
        }
        return detail;
    }

    /** The error type a report's detail starts with ({@code java.lang.IllegalStateException: ...}). */
    private String typeInDetail() {
        String detail = result.detail();
        int colon = detail.indexOf(": ");
        return colon < 0 ? detail : detail.substring(0, colon);
    }

    private String summary() {
        return new RunReportAssert(report).summary();
    }
}
