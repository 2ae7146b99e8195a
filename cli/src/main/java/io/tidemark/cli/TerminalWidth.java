package io.tidemark.cli;

import java.util.Map;

/**
 * How many columns the command line's text output may use: the {@code COLUMNS} environment
 * variable when it holds a number, else {@value #DEFAULT}. Values below {@value #MINIMUM} are
 * raised to it, since no table or wrapped paragraph stays readable narrower than that.
 *
 * <p>Java cannot ask the terminal itself without native code, and most shells do not export
 * {@code COLUMNS}; a fixed default keeps the output the same in a terminal, a pipe and a log.
 */
record TerminalWidth(int columns) {

    /** Used when {@code COLUMNS} is absent or not a number. */
    static final int DEFAULT = 100;
    /** The narrowest width honoured. */
    static final int MINIMUM = 40;

    TerminalWidth {
        if (columns < MINIMUM) {
            throw new IllegalArgumentException("columns must be at least " + MINIMUM + ", was " + columns);
        }
    }

    /** The width {@code environment} asks for. */
    static TerminalWidth of(Map<String, String> environment) {
        String value = environment.get("COLUMNS");
        if (value != null) {
            try {
                return new TerminalWidth(Math.max(MINIMUM, Integer.parseInt(value.trim())));
            } catch (NumberFormatException notANumber) {
                // an empty or odd COLUMNS is no reason to fail a command: use the default
            }
        }
        return new TerminalWidth(DEFAULT);
    }
}
