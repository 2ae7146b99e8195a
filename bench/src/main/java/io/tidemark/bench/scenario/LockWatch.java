package io.tidemark.bench.scenario;

import io.tidemark.spi.AppendResult;
import io.tidemark.spi.AuditRecord;
import io.tidemark.spi.AuditStore;
import io.tidemark.spi.Diagnosis;
import io.tidemark.spi.ExecutionHistory;
import io.tidemark.spi.Lease;
import io.tidemark.spi.LockService;
import io.tidemark.spi.TransactionSupport;
import io.tidemark.tck.CountingStore;
import io.tidemark.tck.RequestCounts;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A counting store whose lock service notes when its owner began trying to take a lock and when it
 * got it, with the requests its client had sent at both moments: so that a scenario can measure how an
 * instance waits for the lock exactly as the engine waits, inside a real {@code Tidemark.run()},
 * and count only the requests of the wait. Everything else is the wrapped store's. For one wait;
 * thread-safe.
 */
final class LockWatch implements AuditStore {

    private final CountingStore counted;
    private final AuditStore store;
    private final LockService locks;
    private volatile long firstAttemptNanos;
    private volatile long acquiredNanos;
    private volatile RequestCounts atFirstAttempt;
    private volatile RequestCounts atAcquisition;

    /** Watches the lock attempts of {@code counted}'s store; closing this closes {@code counted}. */
    LockWatch(CountingStore counted) {
        this.counted = counted;
        this.store = counted.store();
        this.locks = new WatchedLocks(store.lockService());
    }

    /** When the first attempt began ({@link System#nanoTime()}). */
    long firstAttemptNanos() {
        return firstAttemptNanos;
    }

    /** When the attempt that took the lock returned. */
    long acquiredNanos() {
        return acquiredNanos;
    }

    /** What the watched store's client sent so far. */
    RequestCounts counts() {
        return counted.counts();
    }

    /** The requests of the wait: from the first attempt to the successful one, both included. */
    RequestCounts waitTraffic() {
        return atAcquisition.minus(atFirstAttempt);
    }

    private final class WatchedLocks implements LockService {
        private final LockService delegate;

        WatchedLocks(LockService delegate) {
            this.delegate = delegate;
        }

        @Override
        public Optional<Lease> tryAcquire(String key, String owner, Duration duration) {
            if (atFirstAttempt == null) {
                atFirstAttempt = counted.counts();
                firstAttemptNanos = System.nanoTime();
            }
            Optional<Lease> lease = delegate.tryAcquire(key, owner, duration);
            if (lease.isPresent() && atAcquisition == null) {
                acquiredNanos = System.nanoTime();
                atAcquisition = counted.counts();
            }
            return lease;
        }

        @Override
        public Optional<Lease> extend(Lease lease, Duration duration) {
            return delegate.extend(lease, duration);
        }

        @Override
        public void release(Lease lease) {
            delegate.release(lease);
        }

        @Override
        public Optional<Lease> inspect(String key) {
            return delegate.inspect(key);
        }
    }

    @Override
    public LockService lockService() {
        return locks;
    }

    @Override
    public void initialize() {
        store.initialize();
    }

    @Override
    public AppendResult append(AuditRecord record) {
        return store.append(record);
    }

    @Override
    public void prepareAppends(String chain, long lastSeq) {
        store.prepareAppends(chain, lastSeq);
    }

    @Override
    public ExecutionHistory history() {
        return store.history();
    }

    @Override
    public Optional<TransactionSupport<?>> transactions() {
        return store.transactions();
    }

    @Override
    public List<Diagnosis> diagnose() {
        return store.diagnose();
    }

    @Override
    public String describe() {
        return store.describe();
    }

    @Override
    public String kind() {
        return store.kind();
    }

    /** Closes the store and its counting client. */
    @Override
    public void close() {
        counted.close();
    }
}
