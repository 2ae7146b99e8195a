package io.tidemark.core.error;

import java.util.List;

/**
 * Tidemark was set up wrongly: invalid change units, missing or malformed configuration, a table
 * or index that is missing or has the wrong shape. Every problem found is listed, each with what
 * to do about it, so that one attempt can fix them all.
 */
public class ConfigurationException extends NonTransientTidemarkException {

    private static final long serialVersionUID = 1L;

    /** Every problem found, in the order found. */
    private final List<String> problems;

    /**
     * One problem.
     *
     * @param problem what is wrong and how to fix it
     */
    public ConfigurationException(String problem) {
        this(List.of(problem), null);
    }

    /**
     * One problem, found through {@code cause}.
     *
     * @param problem what is wrong and how to fix it
     * @param cause   the exception that revealed it
     */
    public ConfigurationException(String problem, Throwable cause) {
        this(List.of(problem), cause);
    }

    /**
     * Several problems, reported at once; the message numbers them.
     *
     * @param problems what is wrong and how to fix it, one sentence each; at least one
     */
    public ConfigurationException(List<String> problems) {
        this(problems, null);
    }

    /**
     * Several problems, found through {@code cause} (or found before: Tidemark reports change units it
     * found invalid again this way, with the first report as the cause).
     *
     * @param problems what is wrong and how to fix it, one sentence each; at least one
     * @param cause    the exception that revealed them
     */
    public ConfigurationException(List<String> problems, Throwable cause) {
        super(render(problems), cause);
        this.problems = List.copyOf(problems);
    }

    /** {@return every problem found, each a sentence that says what is wrong and how to fix it} */
    public List<String> problems() {
        return problems;
    }

    private static String render(List<String> problems) {
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("a ConfigurationException needs at least one problem");
        }
        if (problems.size() == 1) {
            return problems.get(0);
        }
        StringBuilder text = new StringBuilder(problems.size() + " problems:");
        for (int i = 0; i < problems.size(); i++) {
            text.append(System.lineSeparator())
                    .append("  ")
                    .append(i + 1)
                    .append(". ")
                    .append(problems.get(i));
        }
        return text.toString();
    }
}
