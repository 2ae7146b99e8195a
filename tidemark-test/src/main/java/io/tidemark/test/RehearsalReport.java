package io.tidemark.test;

import java.util.List;

/**
 * What a {@link ChangeSetRehearsal} did and found.
 *
 * @param changeCount how many change units the change set has
 * @param steps       what was done, in order ("apply seed-orders: APPLIED", "roll back seed-orders: ...")
 * @param findings    the problems found; empty when the rehearsal passed
 */
public record RehearsalReport(int changeCount, List<String> steps, List<RehearsalFinding> findings) {

    public RehearsalReport {
        steps = List.copyOf(steps);
        findings = List.copyOf(findings);
    }

    /** Whether nothing was found. */
    public boolean passed() {
        return findings.isEmpty();
    }

    /** The findings and the steps, for a person. */
    public String describe() {
        StringBuilder text = new StringBuilder("Rehearsal of " + changeCount + " change unit(s) ");
        if (findings.isEmpty()) {
            text.append("passed.");
        } else {
            text.append("found ").append(findings.size()).append(" problem(s):");
            text.append(Failures.numbered(findings.stream().map(f -> (f.changeId().isEmpty() ? ""
                    : "change '" + f.changeId() + "': ") + f.message()).toList()));
        }
        text.append(System.lineSeparator()).append("Steps:");
        steps.forEach(step -> text.append(System.lineSeparator()).append("  ").append(step));
        return text.toString();
    }
}
