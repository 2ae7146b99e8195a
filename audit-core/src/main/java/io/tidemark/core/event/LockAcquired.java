package io.tidemark.core.event;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * The run took the chain's lock; it holds it until {@link RunFinished} or {@link RunFailed}. Not sent
 * by a run that found nothing to do (it does not take the lock).
 *
 * @param chain       the audit chain (also the lock's key)
 * @param executionId the run's identity
 * @param at          when the lock was taken
 * @param token       the lease's fencing token: greater than that of every earlier holder of this lock
 * @param waited      how long the run waited for it: zero when the lock was free at the first attempt
 */
public record LockAcquired(String chain, String executionId, Instant at, long token, Duration waited)
        implements TidemarkEvent {

    /**
     * Checks that no component is null.
     *
     * @param chain the audit chain (also the lock's key)
     * @param executionId the run's identity
     * @param at when the lock was taken
     * @param token the lease's fencing token: greater than that of every earlier holder of this lock
     * @param waited how long the run waited for it: zero when the lock was free at the first attempt
     */
    public LockAcquired {
        Objects.requireNonNull(chain, "chain");
        Objects.requireNonNull(executionId, "executionId");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(waited, "waited");
    }
}
