package io.tidemark.core.event;

import io.tidemark.spi.Lease;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Another instance holds the chain's lock and the run is waiting for it. Sent when the wait starts
 * ({@code waited} zero), then again at most every 30 s while it lasts (measured on the Tidemark's
 * clock), each time with the holder as the lock service shows it then: never once per poll. The same
 * moments are logged at INFO.
 *
 * @param chain       the audit chain (also the lock's key)
 * @param executionId the run's identity
 * @param at          when the holder was looked up
 * @param holder      who holds the lock, until when, with which fencing token; empty when the lock
 *                    service could not say (it was released between two checks, or could not be read)
 * @param waited      how long the run has waited so far
 * @param timeout     how long the run waits in all before it fails with
 *                    {@link io.tidemark.core.error.LockTimeoutException}
 */
public record LockWaiting(
        String chain, String executionId, Instant at, Optional<Lease> holder, Duration waited, Duration timeout)
        implements TidemarkEvent {

    /**
     * Checks that no component is null.
     *
     * @param chain the audit chain (also the lock's key)
     * @param executionId the run's identity
     * @param at when the holder was looked up
     * @param holder who holds the lock, until when, with which fencing token; empty when the lock service could
     *        not say (it was released between two checks, or could not be read)
     * @param waited how long the run has waited so far
     * @param timeout how long the run waits in all before it fails with
     *        {@link io.tidemark.core.error.LockTimeoutException}
     */
    public LockWaiting {
        Objects.requireNonNull(chain, "chain");
        Objects.requireNonNull(executionId, "executionId");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(holder, "holder");
        Objects.requireNonNull(waited, "waited");
        Objects.requireNonNull(timeout, "timeout");
    }
}
