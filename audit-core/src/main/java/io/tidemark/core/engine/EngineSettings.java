package io.tidemark.core.engine;

import io.tidemark.core.lock.LockPolicy;
import io.tidemark.core.lock.Sleeper;
import io.tidemark.core.port.AuditStore;
import java.time.Clock;
import java.util.Objects;

/**
 * Everything a {@link ChangeEngine} runs with.
 *
 * @param store      the audit store
 * @param chain      the chain to run on; also the lock key
 * @param changes    the validated change units
 * @param lockPolicy how to take and keep the lock
 * @param clock      the only source of time
 * @param sleeper    how to wait between lock attempts
 * @param host       this machine's name, recorded with every record
 * @param instanceId this instance, recorded with every record
 */
public record EngineSettings(AuditStore store, String chain, ChangeSet changes, LockPolicy lockPolicy, Clock clock,
        Sleeper sleeper, String host, String instanceId) {

    public EngineSettings {
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(chain, "chain");
        Objects.requireNonNull(changes, "changes");
        Objects.requireNonNull(lockPolicy, "lockPolicy");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(sleeper, "sleeper");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(instanceId, "instanceId");
    }
}
