package io.tidemark.core.internal.engine;

import io.tidemark.core.Sleeper;
import io.tidemark.core.internal.lock.LeaseKeeper;
import io.tidemark.core.internal.lock.LockAcquirer;
import io.tidemark.core.internal.lock.LockOwner;
import io.tidemark.core.internal.lock.LockPolicy;
import io.tidemark.core.internal.lock.LockWatcher;
import io.tidemark.spi.AuditStore;
import java.time.Clock;
import java.util.Objects;

/**
 * What every writer of one chain works with: the engine and the operator API share it, so that a run
 * and an operator's mark take the same lock the same way and write records the same way.
 *
 * @param store      the audit store
 * @param chain      the chain; also the key of its lock
 * @param lockPolicy how to take and keep the lock
 * @param clock      the only source of time
 * @param sleeper    how to wait between lock attempts
 * @param host       this machine's name, recorded with every record
 * @param instanceId this instance, recorded with every record
 */
public record ChainSettings(
        AuditStore store,
        String chain,
        LockPolicy lockPolicy,
        Clock clock,
        Sleeper sleeper,
        String host,
        String instanceId) {

    public ChainSettings {
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(chain, "chain");
        Objects.requireNonNull(lockPolicy, "lockPolicy");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(sleeper, "sleeper");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(instanceId, "instanceId");
    }

    /**
     * Takes the chain's lock, waiting as the policy says, for the owner
     * {@code <instanceId>/<purpose>}, and keeps it until the returned keeper is closed.
     */
    public LeaseKeeper holdLock(String purpose) {
        return holdLock(purpose, LockWatcher.NONE);
    }

    /** As {@link #holdLock(String)}, telling {@code watcher} about the wait and the acquisition. */
    public LeaseKeeper holdLock(String purpose, LockWatcher watcher) {
        return new LockAcquirer(store.lockService(), lockPolicy, clock, sleeper)
                .hold(chain, LockOwner.of(instanceId, purpose), watcher);
    }

    /** Drafts of the records one run (or one operator action) with {@code executionId} writes. */
    public RecordDrafts drafts(String executionId) {
        return new RecordDrafts(executionId, host, instanceId, clock);
    }
}
