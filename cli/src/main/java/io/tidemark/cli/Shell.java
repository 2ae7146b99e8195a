package io.tidemark.cli;

import java.util.regex.Pattern;

/** Words of a command that a person can paste into a POSIX shell. */
final class Shell {

    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_./:=@%+,-]+");

    private Shell() {}

    /** {@code word} as it is when the shell takes it literally, else in single quotes. */
    static String quote(String word) {
        if (PLAIN.matcher(word).matches()) {
            return word;
        }
        return "'" + word.replace("'", "'\\''") + "'";
    }
}
