package io.tidemark.core.memory;

import io.tidemark.core.error.ConfigurationException;
import io.tidemark.spi.AppendResult;
import io.tidemark.spi.AuditRecord;
import io.tidemark.spi.TransactionSupport;
import java.util.NavigableMap;
import java.util.Optional;

/**
 * Transactions of {@link InMemoryAuditStore}: the change stages its writes on an
 * {@link InMemoryTransaction}; the commit runs them and stores the {@code APPLIED} record under the
 * chain's monitor, only if the record's sequence is free; an abort drops them.
 */
final class InMemoryTransactionSupport implements TransactionSupport<InMemoryTransaction> {

    private final InMemoryAuditStore store;
    private final boolean available;

    InMemoryTransactionSupport(InMemoryAuditStore store, boolean available) {
        this.store = store;
        this.available = available;
    }

    @Override
    public Class<InMemoryTransaction> handleType() {
        return InMemoryTransaction.class;
    }

    @Override
    public Optional<String> unavailableReason() {
        return available
                ? Optional.empty()
                : Optional.of("this in-memory store was created with transactions switched off");
    }

    @Override
    public Transaction<InMemoryTransaction> begin() {
        unavailableReason().ifPresent(reason -> {
            throw new ConfigurationException("Cannot begin a transaction: " + reason);
        });
        return new Open(new InMemoryTransaction());
    }

    /** One open transaction; ended by its commit or its abort. */
    private final class Open implements Transaction<InMemoryTransaction> {
        private final InMemoryTransaction handle;

        Open(InMemoryTransaction handle) {
            this.handle = handle;
        }

        @Override
        public InMemoryTransaction handle() {
            return handle;
        }

        @Override
        public AppendResult commit(AuditRecord sealedApplied) {
            handle.end();
            store.request();
            NavigableMap<Long, AuditRecord> chain = store.chain(sealedApplied.chain());
            synchronized (chain) {
                if (chain.containsKey(sealedApplied.seq())) {
                    return new AppendResult.SequenceConflict(sealedApplied.chain(), sealedApplied.seq());
                }
                handle.staged().forEach(Runnable::run);
                chain.put(sealedApplied.seq(), sealedApplied);
                return new AppendResult.Appended(sealedApplied.seq());
            }
        }

        @Override
        public void abort() {
            handle.end();
        }
    }
}
