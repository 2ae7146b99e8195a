package io.tidemark.tck.memory;

import io.tidemark.core.memory.InMemoryAuditStore;
import io.tidemark.core.memory.InMemoryTransaction;
import io.tidemark.spi.AppendResult;
import io.tidemark.spi.AuditRecord;
import io.tidemark.spi.AuditStore;
import io.tidemark.spi.Diagnosis;
import io.tidemark.spi.ExecutionHistory;
import io.tidemark.spi.Lease;
import io.tidemark.spi.LockService;
import io.tidemark.spi.TransactionSupport;
import io.tidemark.tck.BackendFixture;
import io.tidemark.tck.CountingStore;
import io.tidemark.tck.RawRecords;
import io.tidemark.tck.RequestCounts;
import io.tidemark.tck.TransactionalWrites;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Stream;

/**
 * The in-memory reference store as a backend: each namespace is one in-memory "database", which every
 * store opened on it shares, as instances connected to one server would.
 */
final class InMemoryFixture implements BackendFixture {

    private final Map<String, InMemoryAuditStore> databases = new ConcurrentHashMap<>();
    private final Map<String, Set<String>> committedMarkers = new ConcurrentHashMap<>();

    private InMemoryAuditStore database(String namespace) {
        return databases.computeIfAbsent(namespace, n -> new InMemoryAuditStore(Clock.systemUTC()));
    }

    @Override
    public String storeName() {
        return InMemoryAuditStoreProvider.NAME;
    }

    @Override
    public String describe() {
        return "in-memory reference store";
    }

    @Override
    public Map<String, String> configuration(String namespace) {
        return Map.of("tidemark.store", InMemoryAuditStoreProvider.NAME);
    }

    @Override
    public AuditStore openStore(String namespace, Clock clock) {
        return database(namespace).sharingDataWith(clock);
    }

    @Override
    public CountingStore openCountingStore(String namespace, Clock clock) {
        return new Counting(database(namespace).sharingDataWith(clock));
    }

    @Override
    public RawRecords rawRecords(String namespace) {
        InMemoryAuditStore store = database(namespace);
        return new RawRecords() {
            @Override
            public void overwrite(AuditRecord replacement) {
                store.overwrite(replacement);
            }

            @Override
            public void delete(String chain, long seq) {
                store.delete(chain, seq);
            }

            @Override
            public void overwriteWithState(AuditRecord record, String state) {
                store.overwriteWithUnknownState(record, state);
            }

            @Override
            public void writeUnreadableLock(String lockKey) {
                store.overwriteLockWithUnreadableToken(lockKey, "seven");
            }
        };
    }

    @Override
    public Map<String, String> unreachableConfiguration() {
        return Map.of(
                "tidemark.store", InMemoryAuditStoreProvider.NAME, InMemoryAuditStoreProvider.UNAVAILABLE, "true");
    }

    @Override
    public Optional<TransactionalWrites> transactionalWrites(String namespace) {
        Set<String> markers = committedMarkers.computeIfAbsent(namespace, n -> ConcurrentHashMap.newKeySet());
        return Optional.of(new TransactionalWrites() {
            @Override
            public void write(Object handle, String key) {
                ((InMemoryTransaction) handle).stage(() -> markers.add(key));
            }

            @Override
            public boolean isStored(String key) {
                return markers.contains(key);
            }
        });
    }

    @Override
    public void close() {
        databases.clear();
    }

    /**
     * Counts by kind what the store's port calls cost: the in-memory store counts every call (and every
     * page of a read) as one request; writes, lock calls and initialisation are counted here, reads are
     * the rest.
     */
    private static final class Counting implements CountingStore, AuditStore {
        private final InMemoryAuditStore store;
        private final long requestsAtOpen;
        private final LongAdder writes = new LongAdder();
        private final LongAdder locks = new LongAdder();
        private final LongAdder other = new LongAdder();
        private final LongAdder recordsRead = new LongAdder();

        Counting(InMemoryAuditStore store) {
            this.store = store;
            this.requestsAtOpen = store.requestCount();
        }

        @Override
        public AuditStore store() {
            return this;
        }

        @Override
        public RequestCounts counts() {
            long all = store.requestCount() - requestsAtOpen;
            long known = writes.sum() + locks.sum() + other.sum();
            return new RequestCounts(all - known, writes.sum(), locks.sum(), other.sum(), recordsRead.sum());
        }

        @Override
        public void initialize() {
            other.increment();
            store.initialize();
        }

        @Override
        public AppendResult append(AuditRecord record) {
            writes.increment();
            return store.append(record);
        }

        @Override
        public void prepareAppends(String chain, long lastSeq) {
            store.prepareAppends(chain, lastSeq);
        }

        @Override
        public ExecutionHistory history() {
            ExecutionHistory history = store.history();
            return new ExecutionHistory() {
                @Override
                public Optional<AuditRecord> tip(String chain) {
                    Optional<AuditRecord> tip = history.tip(chain);
                    tip.ifPresent(record -> recordsRead.increment());
                    return tip;
                }

                @Override
                public Stream<AuditRecord> readFrom(String chain, long fromSeq) {
                    return history.readFrom(chain, fromSeq).peek(record -> recordsRead.increment());
                }
            };
        }

        @Override
        public LockService lockService() {
            LockService service = store.lockService();
            return new LockService() {
                @Override
                public Optional<Lease> tryAcquire(String key, String owner, Duration duration) {
                    locks.increment();
                    return service.tryAcquire(key, owner, duration);
                }

                @Override
                public Optional<Lease> extend(Lease lease, Duration duration) {
                    locks.increment();
                    return service.extend(lease, duration);
                }

                @Override
                public void release(Lease lease) {
                    locks.increment();
                    service.release(lease);
                }

                @Override
                public Optional<Lease> inspect(String key) {
                    locks.increment();
                    return service.inspect(key);
                }
            };
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
            return store.describe() + " (counting)";
        }

        @Override
        public void close() {
            store.close();
        }
    }
}
