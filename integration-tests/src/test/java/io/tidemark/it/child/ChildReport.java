package io.tidemark.it.child;

import io.tidemark.core.ChangeOutcome;
import io.tidemark.core.ChangeResult;
import io.tidemark.core.RunReport;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A {@link RunReport} as a child JVM prints it on one line of standard output, and as the parent
 * reads it back:
 *
 * <pre>
 * TIDEMARK-REPORT lock=true tip=45 changes=create-customers:APPLIED,create-orders:ALREADY_APPLIED,...
 * </pre>
 *
 * @param lockAcquired whether the run took the lock
 * @param tipSeq       the chain's tip when the run ended
 * @param changes      each change's outcome, in run order
 */
public record ChildReport(boolean lockAcquired, long tipSeq, List<Outcome> changes) {

    /** Start of the report line. */
    public static final String PREFIX = "TIDEMARK-REPORT ";

    /** One change and what the run did with it. */
    public record Outcome(String changeId, ChangeOutcome outcome) {}

    public ChildReport {
        changes = List.copyOf(changes);
    }

    /** The line a child prints for {@code report}. */
    public static String line(RunReport report) {
        return PREFIX + "lock=" + report.lockAcquired() + " tip=" + report.tipSeq() + " changes="
                + report.changes().stream()
                        .map(c -> c.changeId() + ":" + c.outcome())
                        .collect(Collectors.joining(","));
    }

    /** Whether {@code line} is a report line. */
    public static boolean isReport(String line) {
        return line.startsWith(PREFIX);
    }

    /** Reads a line printed by {@link #line(RunReport)}. */
    public static ChildReport parse(String line) {
        if (!isReport(line)) {
            throw new IllegalArgumentException("not a report line: " + line);
        }
        String[] fields = line.substring(PREFIX.length()).split(" ");
        boolean lock = Boolean.parseBoolean(value(fields[0], "lock"));
        long tip = Long.parseLong(value(fields[1], "tip"));
        String changes = value(fields[2], "changes");
        List<Outcome> outcomes = changes.isEmpty()
                ? List.of()
                : Arrays.stream(changes.split(","))
                        .map(pair -> {
                            int colon = pair.lastIndexOf(':');
                            return new Outcome(
                                    pair.substring(0, colon), ChangeOutcome.valueOf(pair.substring(colon + 1)));
                        })
                        .toList();
        return new ChildReport(lock, tip, outcomes);
    }

    /** The same view of a report made in this JVM, to compare with a child's. */
    public static ChildReport of(RunReport report) {
        return new ChildReport(
                report.lockAcquired(),
                report.tipSeq(),
                report.changes().stream().map(ChildReport::outcome).toList());
    }

    private static Outcome outcome(ChangeResult result) {
        return new Outcome(result.changeId(), result.outcome());
    }

    private static String value(String field, String name) {
        if (!field.startsWith(name + "=")) {
            throw new IllegalArgumentException("expected " + name + "=..., found " + field);
        }
        return field.substring(name.length() + 1);
    }

    /** Ids of the changes with {@code outcome}, in order. */
    public List<String> idsWith(ChangeOutcome outcome) {
        return changes.stream()
                .filter(c -> c.outcome() == outcome)
                .map(Outcome::changeId)
                .toList();
    }

    /** True when the run found every change already applied. */
    public boolean nothingToDo() {
        return changes.stream().allMatch(c -> c.outcome() == ChangeOutcome.ALREADY_APPLIED);
    }
}
