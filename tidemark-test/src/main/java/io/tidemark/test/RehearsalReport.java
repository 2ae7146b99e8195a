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

    /**
     * Copies the lists, so that the report cannot change afterwards.
     *
     * @param changeCount how many change units the change set has
     * @param steps       what was done, in order ("apply seed-orders: APPLIED", "roll back seed-orders: ...")
     * @param findings    the problems found; empty when the rehearsal passed
     */
    public RehearsalReport {
        steps = List.copyOf(steps);
        findings = List.copyOf(findings);
    }

    /** {@return whether the rehearsal found nothing: no finding, so the change set passed} */
    public boolean passed() {
        return findings.isEmpty();
    }

    /**
     * {@return the findings, numbered, and then every step taken, for a person; what {@link
     * ChangeSetRehearsal#assertPasses()} fails the test with}
     */
    public String describe() {
        StringBuilder text = new StringBuilder("Rehearsal of " + changeCount + " change unit(s) ");
        if (findings.isEmpty()) {
            text.append("passed.");
        } else {
            text.append("found ").append(findings.size()).append(" problem(s):");
            text.append(Failures.numbered(findings.stream()
                    .map(f -> (f.changeId().isEmpty() ? "" : "change '" + f.changeId() + "': ") + f.message())
                    .toList()));
        }
        text.append(System.lineSeparator()).append("Steps:");
        steps.forEach(step -> text.append(System.lineSeparator()).append("  ").append(step));
        return text.toString();
    }
}
