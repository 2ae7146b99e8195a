package io.tidemark.core.operator;

import io.tidemark.core.PendingIssue;
import io.tidemark.spi.AuditRecord;
import io.tidemark.spi.Lease;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A chain at a glance, for an operator.
 *
 * @param chain          the chain
 * @param records        how many records it holds
 * @param tip            its newest record
 * @param changes        how many distinct changes it records
 * @param appliedChanges how many of them are applied (latest {@code APPLIED} or {@code MARKED_APPLIED})
 * @param issues         changes needing a decision
 * @param lock           the chain's lock as stored (possibly expired), when held
 */
public record ChainStatus(
        String chain,
        long records,
        Optional<AuditRecord> tip,
        int changes,
        int appliedChanges,
        List<PendingIssue> issues,
        Optional<Lease> lock) {

    /**
     * Checks that the fields are set and copies the list of issues.
     *
     * @param chain          the chain
     * @param records        how many records it holds
     * @param tip            its newest record
     * @param changes        how many distinct changes it records
     * @param appliedChanges how many of them are applied (latest {@code APPLIED} or {@code MARKED_APPLIED})
     * @param issues         changes needing a decision
     * @param lock           the chain's lock as stored (possibly expired), when held
     */
    public ChainStatus {
        Objects.requireNonNull(chain, "chain");
        Objects.requireNonNull(tip, "tip");
        issues = List.copyOf(issues);
        Objects.requireNonNull(lock, "lock");
    }
}
