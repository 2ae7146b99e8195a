package io.tidemark.tck.memory;

import io.tidemark.core.TidemarkConfig;
import io.tidemark.core.memory.InMemoryAuditStore;
import io.tidemark.spi.AppendResult;
import io.tidemark.spi.AuditRecord;
import io.tidemark.spi.AuditStore;
import io.tidemark.spi.AuditStoreProvider;
import io.tidemark.spi.ExecutionHistory;
import io.tidemark.spi.LockService;
import java.time.Clock;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Test-only provider named {@code memory}, to exercise choosing a store by configuration. With
 * {@value #UNAVAILABLE} set to {@code true} the store it creates fails every call, as an unreachable
 * backend would.
 */
public final class InMemoryAuditStoreProvider implements AuditStoreProvider {

    /** The value of {@code tidemark.store} that selects it. */
    static final String NAME = "memory";
    /** Whether the created store is unreachable. */
    static final String UNAVAILABLE = "tidemark.memory.unavailable";

    static final AtomicInteger CLOSED = new AtomicInteger();

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Set<String> keys() {
        return Set.of(UNAVAILABLE);
    }

    @Override
    public AuditStore create(TidemarkConfig config, Clock clock) {
        InMemoryAuditStore store = new InMemoryAuditStore(clock);
        store.setUnavailable(config.getBoolean(UNAVAILABLE).orElse(false));
        return new AuditStore() {
            @Override
            public void initialize() {
                store.initialize();
            }

            @Override
            public AppendResult append(AuditRecord record) {
                return store.append(record);
            }

            @Override
            public ExecutionHistory history() {
                return store.history();
            }

            @Override
            public LockService lockService() {
                return store.lockService();
            }

            @Override
            public String describe() {
                return "in-memory audit store (from configuration)";
            }

            @Override
            public void close() {
                CLOSED.incrementAndGet();
            }
        };
    }
}
