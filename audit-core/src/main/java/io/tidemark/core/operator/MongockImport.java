package io.tidemark.core.operator;

import io.tidemark.core.chain.VerificationResult;
import java.util.List;
import java.util.Objects;

/**
 * What {@link OperatorApi#importMongock} did: how many of Mongock's entries it read, appended and left
 * out, which changes now need an operator's decision, and the chain's verification afterwards.
 *
 * @param source         the change log imported ({@code MongockChangeLog.describe()})
 * @param chain          the chain written to
 * @param read           entries read from Mongock's change log
 * @param imported       records appended: {@code markedApplied + rolledBack + problems}
 * @param markedApplied  {@code EXECUTED} entries appended as {@code MARKED_APPLIED}
 * @param rolledBack     {@code ROLLED_BACK} entries appended as {@code ROLLED_BACK} (their changes run again)
 * @param problems       {@code FAILED} and {@code ROLLBACK_FAILED} entries appended as such (issues)
 * @param skipped        entries not appended: {@code ignored + systemChanges + alreadyImported}
 * @param ignored        {@code IGNORED} entries (Mongock found the change already executed and did nothing)
 * @param systemChanges  entries of Mongock's own system changes
 * @param alreadyImported entries an earlier import already appended
 * @param issues         changes whose latest record is now an issue, in the order they were appended; resolve each
 *                       with {@code markApplied} or {@code markRolledBack}
 * @param firstSeq       the first sequence appended
 * @param lastSeq        the last sequence appended
 * @param verification   the whole chain verified after the import
 */
public record MongockImport(
        String source,
        String chain,
        int read,
        int imported,
        int markedApplied,
        int rolledBack,
        int problems,
        int skipped,
        int ignored,
        int systemChanges,
        int alreadyImported,
        List<String> issues,
        long firstSeq,
        long lastSeq,
        VerificationResult verification) {

    /**
     * Checks the components.
     *
     * @param source         the change log imported ({@code MongockChangeLog.describe()})
     * @param chain          the chain written to
     * @param read           entries read from Mongock's change log
     * @param imported       records appended: {@code markedApplied + rolledBack + problems}
     * @param markedApplied  {@code EXECUTED} entries appended as {@code MARKED_APPLIED}
     * @param rolledBack     {@code ROLLED_BACK} entries appended as {@code ROLLED_BACK} (their changes run again)
     * @param problems       {@code FAILED} and {@code ROLLBACK_FAILED} entries appended as such (issues)
     * @param skipped        entries not appended: {@code ignored + systemChanges + alreadyImported}
     * @param ignored        {@code IGNORED} entries (Mongock found the change already executed and did nothing)
     * @param systemChanges  entries of Mongock's own system changes
     * @param alreadyImported entries an earlier import already appended
     * @param issues         changes whose latest record is now an issue, in the order they were appended; resolve each
     *                       with {@code markApplied} or {@code markRolledBack}
     * @param firstSeq       the first sequence appended
     * @param lastSeq        the last sequence appended
     * @param verification   the whole chain verified after the import
     */
    public MongockImport {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(chain, "chain");
        issues = List.copyOf(issues);
        Objects.requireNonNull(verification, "verification");
    }

    /** {@return one paragraph for people: what was read, appended and skipped, and what needs a decision} */
    public String summary() {
        StringBuilder text = new StringBuilder(String.format(
                "Imported %d of %d entries of %s into chain '%s' "
                        + "(seq %d to %d): %d applied, %d rolled back, %d failed (issues); skipped %d (%d ignored, %d "
                        + "system changes, %d imported before).",
                imported,
                read,
                source,
                chain,
                firstSeq,
                lastSeq,
                markedApplied,
                rolledBack,
                problems,
                skipped,
                ignored,
                systemChanges,
                alreadyImported));
        if (!issues.isEmpty()) {
            text.append(" Changes needing a decision (`tidemark issues`): ")
                    .append(String.join(", ", issues))
                    .append('.');
        }
        text.append(verification.isIntact() ? " The chain verifies." : " The chain does NOT verify: " + verification);
        return text.toString();
    }
}
