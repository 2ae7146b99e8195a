package io.tidemark.core.event;

import java.time.Instant;
import java.util.Objects;

/**
 * A run began: the first event of every run, before anything is read.
 *
 * @param chain       the audit chain
 * @param executionId the run's identity
 * @param at          when it started
 * @param store       the kind of audit store ({@link io.tidemark.spi.AuditStore#kind()}: {@code dynamodb},
 *                    {@code mongodb}, {@code couchbase}, {@code memory}, ...), a short fixed name fit for a
 *                    metric tag
 * @param changeUnits how many change units the Tidemark knows (applied or not)
 */
public record RunStarted(String chain, String executionId, Instant at, String store, int changeUnits)
        implements TidemarkEvent {

    /**
     * Checks that no component is null.
     *
     * @param chain the audit chain
     * @param executionId the run's identity
     * @param at when it started
     * @param store the kind of audit store ({@link io.tidemark.spi.AuditStore#kind()}: {@code dynamodb},
     *        {@code mongodb}, {@code couchbase}, {@code memory}, ...), a short fixed name fit for a metric tag
     * @param changeUnits how many change units the Tidemark knows (applied or not)
     */
    public RunStarted {
        Objects.requireNonNull(chain, "chain");
        Objects.requireNonNull(executionId, "executionId");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(store, "store");
    }
}
