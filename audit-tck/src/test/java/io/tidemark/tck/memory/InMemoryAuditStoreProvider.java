package io.tidemark.tck.memory;

import io.tidemark.core.config.AuditStoreProvider;
import io.tidemark.core.config.TidemarkConfig;
import io.tidemark.core.port.AuditStore;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** Test-only provider named {@code memory}, to exercise choosing a store by configuration. */
public final class InMemoryAuditStoreProvider implements AuditStoreProvider {

    static final AtomicInteger CLOSED = new AtomicInteger();

    @Override
    public String name() {
        return "memory";
    }

    @Override
    public String artifact() {
        return "io.tidemark:tidemark-audit-tck (tests)";
    }

    @Override
    public List<String> configurationKeys() {
        return List.of();
    }

    @Override
    public AuditStore create(TidemarkConfig config, Clock clock) {
        InMemoryAuditStore store = new InMemoryAuditStore(clock);
        return new AuditStore() {
            @Override
            public void initialize() {
                store.initialize();
            }

            @Override
            public io.tidemark.core.model.AppendResult append(io.tidemark.core.model.AuditRecord record) {
                return store.append(record);
            }

            @Override
            public io.tidemark.core.port.ExecutionHistory history() {
                return store.history();
            }

            @Override
            public io.tidemark.core.port.LockService lockService() {
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
