package io.tidemark.core.memory;

import io.tidemark.core.error.StoreUnavailableException;
import io.tidemark.core.error.UnreadableRecordException;
import io.tidemark.spi.AppendResult;
import io.tidemark.spi.AuditRecord;
import io.tidemark.spi.AuditStore;
import io.tidemark.spi.ExecutionHistory;
import io.tidemark.spi.LockService;
import io.tidemark.spi.TransactionSupport;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The reference implementation of the ports, in memory: it passes every TCK suite, and serves the
 * engine's own tests and users' unit tests of their change units (shipped in the core, as Axon ships
 * its in-memory storage engine, with nothing but the core on its class path). Not for production:
 * everything is lost with the process, and nothing is shared between processes.
 *
 * <pre>{@code
 * InMemoryAuditStore store = new InMemoryAuditStore(Clock.systemUTC());
 * Tidemark.builder().auditStore(store).changeUnits(MyChange.class).build().run();
 * }</pre>
 *
 * <p>Beyond the ports it offers what tests need: {@link #requestCount()} (every port call counts as
 * one backend request), {@link #setUnavailable(boolean)} to simulate an outage, and
 * {@link #overwrite}/{@link #delete} to tamper with stored records, and
 * {@link #overwriteWithUnknownState} to store what a newer Tidemark version could write.
 *
 * <p>It offers transactions through the {@link InMemoryTransaction} handle: a change unit stages its
 * writes on the handle and they are applied together with its {@code APPLIED} record, or not at all.
 *
 * <p>Thread-safe; its history and lock service are views of the same data.
 */
public final class InMemoryAuditStore implements AuditStore {

    /** What stores sharing one in-memory "database" share. */
    static final class Data {
        final Map<String, ConcurrentSkipListMap<Long, AuditRecord>> chains = new ConcurrentHashMap<>();
        final Map<String, InMemoryLockService.Row> locks = new ConcurrentHashMap<>();
        /** Per chain and sequence, the state text of records stored with a state this version does not know. */
        final Map<String, Map<Long, String>> unknownStates = new ConcurrentHashMap<>();

        final AtomicLong requests = new AtomicLong();
        final AtomicBoolean unavailable = new AtomicBoolean();
    }

    private final Data data;
    private final boolean transactionsAvailable;
    private final InMemoryExecutionHistory history;
    private final InMemoryLockService locks;
    private final InMemoryTransactionSupport transactions;

    /**
     * A store whose lock service takes time from {@code clock}, with transactions available.
     *
     * @param clock the clock lock expiry is measured with
     */
    public InMemoryAuditStore(Clock clock) {
        this(clock, true);
    }

    /**
     * As {@link #InMemoryAuditStore(Clock)}; {@code transactionsAvailable} false simulates a backend without them.
     *
     * @param clock                 the clock lock expiry is measured with
     * @param transactionsAvailable whether {@link #transactions()} can begin transactions
     */
    public InMemoryAuditStore(Clock clock, boolean transactionsAvailable) {
        this(new Data(), clock, transactionsAvailable);
    }

    private InMemoryAuditStore(Data data, Clock clock, boolean transactionsAvailable) {
        this.data = data;
        this.transactionsAvailable = transactionsAvailable;
        this.history = new InMemoryExecutionHistory(this);
        this.locks = new InMemoryLockService(this, data.locks, clock);
        this.transactions = new InMemoryTransactionSupport(this, transactionsAvailable);
    }

    /**
     * Another store over the same data, whose lock service uses {@code clock}: what a second
     * instance connected to the same database would see.
     *
     * @param clock the clock the other store's lock expiry is measured with
     * @return a store over the same records and locks
     */
    public InMemoryAuditStore sharingDataWith(Clock clock) {
        return new InMemoryAuditStore(data, clock, transactionsAvailable);
    }

    @Override
    public void initialize() {
        request();
    }

    @Override
    public AppendResult append(AuditRecord record) {
        request();
        NavigableMap<Long, AuditRecord> chain = chain(record.chain());
        synchronized (chain) {
            AuditRecord previous = chain.putIfAbsent(record.seq(), record);
            return previous == null
                    ? new AppendResult.Appended(record.seq())
                    : new AppendResult.SequenceConflict(record.chain(), record.seq());
        }
    }

    @Override
    public ExecutionHistory history() {
        return history;
    }

    @Override
    public LockService lockService() {
        return locks;
    }

    @Override
    public Optional<TransactionSupport<?>> transactions() {
        return Optional.of(transactions);
    }

    /**
     * {@inheritDoc}
     *
     * @return {@code memory}
     */
    @Override
    public String kind() {
        return "memory";
    }

    @Override
    public String describe() {
        return "in-memory audit store";
    }

    /** {@return how many port calls (each standing for one backend request) were made so far, by every store sharing the data} */
    public long requestCount() {
        return data.requests.get();
    }

    /**
     * While true, every port call fails with {@link StoreUnavailableException}, as a backend outage would.
     *
     * @param value true to fail every call, false to answer again
     */
    public void setUnavailable(boolean value) {
        data.unavailable.set(value);
    }

    /**
     * Replaces the stored record at {@code record}'s chain and sequence without any check: tampering.
     *
     * @param record the record stored in place of the one at its sequence
     */
    public void overwrite(AuditRecord record) {
        chain(record.chain()).put(record.seq(), record);
        unknownStates(record.chain()).remove(record.seq());
    }

    /**
     * Removes the stored record at {@code seq} of {@code chain}: tampering.
     *
     * @param chain the chain
     * @param seq   the sequence whose record is removed
     */
    public void delete(String chain, long seq) {
        chain(chain).remove(seq);
        unknownStates(chain).remove(seq);
    }

    /**
     * Stores {@code record} at its chain and sequence as if its state were {@code state}, a state this
     * version does not know (what a newer version could write): reading it then fails as it would on
     * a real backend, with {@link UnreadableRecordException}.
     *
     * @param record the record to store
     * @param state  the state name stored instead of the record's own
     */
    public void overwriteWithUnknownState(AuditRecord record, String state) {
        chain(record.chain()).put(record.seq(), record);
        unknownStates(record.chain()).put(record.seq(), state);
    }

    /**
     * Stores, under lock {@code key}, a lock record whose token is {@code token}, text this version
     * cannot read as a number (what a broken or foreign write could leave): every lock operation on
     * that key then fails as it would on a real backend, with {@link UnreadableRecordException}.
     *
     * @param key   the lock key
     * @param token the text stored as the token
     */
    public void overwriteLockWithUnreadableToken(String key, String token) {
        data.locks.put(key, new InMemoryLockService.Row("unknown", Instant.EPOCH, 0, Optional.of(token)));
    }

    /** {@code record} as read back: refused when it was stored with a state this version does not know. */
    AuditRecord decode(AuditRecord record) {
        String unknown = unknownStates(record.chain()).get(record.seq());
        if (unknown != null) {
            throw new UnreadableRecordException(record.chain(), record.seq(), "state", unknown, describe());
        }
        return record;
    }

    private Map<Long, String> unknownStates(String chain) {
        return data.unknownStates.computeIfAbsent(chain, c -> new ConcurrentHashMap<>());
    }

    void request() {
        data.requests.incrementAndGet();
        if (data.unavailable.get()) {
            throw new StoreUnavailableException("in-memory audit store is unavailable (simulated outage)");
        }
    }

    NavigableMap<Long, AuditRecord> chain(String chain) {
        return data.chains.computeIfAbsent(chain, c -> new ConcurrentSkipListMap<>());
    }
}
