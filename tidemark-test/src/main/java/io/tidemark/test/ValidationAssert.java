package io.tidemark.test;

import io.tidemark.core.ChangeSetValidation;
import java.util.Arrays;
import java.util.Objects;

/**
 * Assertions on a {@link ChangeSetValidation}, from
 * {@link TidemarkAssertions#assertThat(ChangeSetValidation)}; failures list every problem found.
 */
public final class ValidationAssert {

    private final ChangeSetValidation validation;

    ValidationAssert(ChangeSetValidation validation) {
        this.validation = Objects.requireNonNull(validation, "validation");
    }

    /**
     * Asserts that no problem was found: {@code build()} would accept these change units.
     *
     * @return this assertion, for chaining
     * @throws org.opentest4j.AssertionFailedError listing every problem found
     */
    public ValidationAssert isValid() {
        if (!validation.isValid()) {
            throw Failures.failure(describeProblems("Expected the change set to be valid, but"));
        }
        return this;
    }

    /**
     * Asserts that some problem mentions every one of {@code parts}.
     *
     * @param parts the texts one problem must contain together
     * @return this assertion, for chaining
     * @throws IllegalArgumentException when no part is given, or a null or empty one (use {@link #hasProblemCount})
     * @throws org.opentest4j.AssertionFailedError when no problem contains them all, listing every problem found
     */
    public ValidationAssert hasProblemContaining(String... parts) {
        Failures.requireSomethingToCheck(
                "hasProblemContaining", "text", parts, "on any problem, whatever it says (use hasProblemCount)");
        boolean found = validation.problems().stream()
                .anyMatch(problem -> Arrays.stream(parts).allMatch(problem::contains));
        if (!found) {
            throw Failures.failure(describeProblems("Expected a problem mentioning "
                    + String.join(
                            " and ",
                            Arrays.stream(parts).map(p -> "\"" + p + "\"").toList()) + ", but"));
        }
        return this;
    }

    /**
     * Asserts that exactly {@code count} problems were found.
     *
     * @param count the number of problems expected
     * @return this assertion, for chaining
     * @throws org.opentest4j.AssertionFailedError when another number was found, listing every problem
     */
    public ValidationAssert hasProblemCount(int count) {
        if (validation.problems().size() != count) {
            throw Failures.failure(
                    describeProblems("Expected " + count + " problem(s), but"),
                    count,
                    validation.problems().size());
        }
        return this;
    }

    private String describeProblems(String start) {
        int count = validation.problems().size();
        return count == 0
                ? start + " no problem was found"
                : start + " " + count + " problem(s) were found:" + Failures.numbered(validation.problems());
    }
}
