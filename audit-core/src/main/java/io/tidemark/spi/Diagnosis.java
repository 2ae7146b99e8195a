package io.tidemark.spi;

import java.util.Objects;

/**
 * One finding of a store check: what was checked, what was found and, when something is wrong,
 * how to fix it.
 *
 * @param status what the check found
 * @param check  what was checked, e.g. "audit table tidemark_audit"
 * @param detail what was found
 * @param fix    what to do about it ({@code ""} when nothing)
 */
public record Diagnosis(Status status, String check, String detail, String fix) {

    /** How a check came out. */
    public enum Status {
        /** As it should be. */
        OK,
        /** Works, but worth a look (e.g. provisioned capacity that may throttle). */
        WARNING,
        /** Will make Tidemark fail until fixed. */
        PROBLEM
    }

    /**
     * Checks that every field is set.
     *
     * @param status what the check found
     * @param check  what was checked, e.g. "audit table tidemark_audit"
     * @param detail what was found
     * @param fix    what to do about it ({@code ""} when nothing)
     */
    public Diagnosis {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(check, "check");
        Objects.requireNonNull(detail, "detail");
        Objects.requireNonNull(fix, "fix");
    }

    /**
     * A check that found nothing wrong.
     *
     * @param check  what was checked
     * @param detail what was found
     * @return a finding with status {@link Status#OK} and no fix
     */
    public static Diagnosis ok(String check, String detail) {
        return new Diagnosis(Status.OK, check, detail, "");
    }

    /**
     * A check that found something worth a look.
     *
     * @param check  what was checked
     * @param detail what was found
     * @param fix    what to do about it
     * @return a finding with status {@link Status#WARNING}
     */
    public static Diagnosis warning(String check, String detail, String fix) {
        return new Diagnosis(Status.WARNING, check, detail, fix);
    }

    /**
     * A check that found what will make Tidemark fail.
     *
     * @param check  what was checked
     * @param detail what was found
     * @param fix    how to fix it
     * @return a finding with status {@link Status#PROBLEM}
     */
    public static Diagnosis problem(String check, String detail, String fix) {
        return new Diagnosis(Status.PROBLEM, check, detail, fix);
    }
}
