package io.tidemark.core.event;

import java.time.Instant;
import java.util.Objects;

/**
 * The run applied something, left every change done, and appended a {@code CHECKPOINT} record: the
 * next start with the same change set finds it at the tip and has nothing to do after one read.
 *
 * @param chain           the audit chain
 * @param executionId     the run's identity
 * @param at              when the checkpoint was written
 * @param seq             the checkpoint's sequence number
 * @param changeSetDigest the digest of the change set it records ({@link io.tidemark.core.Tidemark#changeSetDigest()})
 */
public record CheckpointWritten(String chain, String executionId, Instant at, long seq, String changeSetDigest)
        implements TidemarkEvent {

    /**
     * Checks that no component is null.
     *
     * @param chain the audit chain
     * @param executionId the run's identity
     * @param at when the checkpoint was written
     * @param seq the checkpoint's sequence number
     * @param changeSetDigest the digest of the change set it records
     *        ({@link io.tidemark.core.Tidemark#changeSetDigest()})
     */
    public CheckpointWritten {
        Objects.requireNonNull(chain, "chain");
        Objects.requireNonNull(executionId, "executionId");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(changeSetDigest, "changeSetDigest");
    }
}
