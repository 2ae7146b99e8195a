package io.tidemark.cli;

/** What each exit code of the command line means; printed by {@code --help} and in the README. */
public final class ExitCodes {

    /** Done; for checks: nothing wrong found. */
    public static final int OK = 0;
    /**
     * The command ran and found something wrong: a broken chain, pending issues, doctor problems, a plan
     * that is not up to date (changes would run, or issues need a decision), or (for {@code history},
     * {@code issues}, {@code verify}, {@code export}, {@code doctor}, {@code plan}) the store's tables or
     * collections missing.
     */
    public static final int FOUND_PROBLEMS = 1;
    /** Wrong usage: unknown command or option, missing argument. */
    public static final int USAGE = 2;
    /**
     * Invalid configuration or input: unknown store, missing key, unknown change, malformed file, non-empty
     * target, a change unit that cannot be loaded or is invalid, a refused baseline, or (for {@code status}, {@code lock} and the source of {@code migrate}) the store's tables or
     * collections missing. Nothing was written.
     */
    public static final int INVALID_INPUT = 3;
    /** The store could not be reached; retrying later may help. Nothing was half-written. */
    public static final int STORE_UNAVAILABLE = 4;
    /** The lock is held by someone else (timeout), or was taken again while breaking it. */
    public static final int LOCK_HELD = 5;
    /** The operator declined a confirmation; nothing changed. */
    public static final int ABORTED = 6;
    /**
     * A record holds a value this version cannot read: a newer Tidemark version most likely wrote it.
     * Upgrade the command line; do not touch the record.
     */
    public static final int NEWER_VERSION = 7;
    /** An unexpected error; the message and stack trace say more. */
    public static final int INTERNAL_ERROR = 10;

    /** The exit codes as shown at the end of {@code --help}. */
    static final String HELP = "Exit codes:%n"
            + "  0   done; for checks, nothing wrong found%n"
            + "  1   found a problem: broken chain (verify, export), pending issues (issues),%n"
            + "      problems (doctor), changes to run or issues (plan); tables or%n"
            + "      collections missing (history, issues, verify, export, doctor, plan)%n"
            + "  2   wrong usage (unknown command or option, missing argument)%n"
            + "  3   invalid configuration or input (unknown configuration key, store or%n"
            + "      change, malformed file, non-empty target, change unit that cannot be%n"
            + "      loaded, baseline refused; tables or collections missing for status, lock%n"
            + "      and the source of migrate); nothing written%n"
            + "  4   store unavailable; retry later (nothing half-written)%n"
            + "  5   lock held by someone else%n"
            + "  6   confirmation declined; nothing changed%n"
            + "  7   a record was written by a newer Tidemark version; upgrade (the record%n"
            + "      is not damaged)%n"
            + "  10  unexpected error";

    private ExitCodes() {}
}
