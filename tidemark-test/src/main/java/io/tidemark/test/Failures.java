package io.tidemark.test;

import java.util.List;
import java.util.stream.Collectors;
import org.opentest4j.AssertionFailedError;

/** How the kit fails a test: an {@link AssertionFailedError}, which every IDE and build tool reports as a failure. */
final class Failures {

    private Failures() {}

    static AssertionFailedError failure(String message) {
        return new AssertionFailedError(message);
    }

    /** A failure whose expected and actual values an IDE can show side by side. */
    static AssertionFailedError failure(String message, Object expected, Object actual) {
        return new AssertionFailedError(message, expected, actual);
    }

    /** {@code items} as numbered lines, each indented by two spaces. */
    static String numbered(List<String> items) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < items.size(); i++) {
            text.append(System.lineSeparator())
                    .append("  ")
                    .append(i + 1)
                    .append(". ")
                    .append(items.get(i));
        }
        return text.toString();
    }

    /** {@code text} with every line indented by {@code indent}. */
    static String indented(String text, String indent) {
        return text.lines().map(line -> indent + line).collect(Collectors.joining(System.lineSeparator()));
    }

    /**
     * Refuses an assertion given nothing to look for, which would pass whatever it is asked about: no
     * value at all, a null one, or (for texts) an empty one, which every text contains.
     *
     * @param method the assertion, as the user wrote it ({@code "hasApplied"})
     * @param what   what it takes ({@code "change id"}, {@code "text"})
     * @param values what it was given
     * @param passes what it would pass on with nothing to look for
     */
    static void requireSomethingToCheck(String method, String what, String[] values, String passes) {
        if (values.length == 0) {
            throw new IllegalArgumentException(
                    method + "() needs at least one " + what + ": with none it checks nothing and passes " + passes);
        }
        for (String value : values) {
            if (value == null || value.isEmpty()) {
                throw new IllegalArgumentException(method + "(...) was given " + (value == null ? "a null" : "an empty")
                        + " " + what + ": every one must be a non-empty " + what + ", or the assertion passes "
                        + passes);
            }
        }
    }
}
