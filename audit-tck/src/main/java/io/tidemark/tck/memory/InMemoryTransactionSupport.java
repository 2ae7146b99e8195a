package io.tidemark.tck.memory;

import io.tidemark.core.model.AppendResult;
import io.tidemark.core.model.AuditRecord;
import io.tidemark.core.port.TransactionSupport;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.function.Supplier;

/** Commits staged writes and the {@code APPLIED} record atomically, under the chain's monitor. */
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
        return available ? Optional.empty()
                : Optional.of("this in-memory store was created with transactions switched off");
    }

    @Override
    public AppendResult runAndAppend(TransactionalWork<InMemoryTransaction> work, Supplier<AuditRecord> record)
            throws Exception {
        InMemoryTransaction transaction = new InMemoryTransaction();
        work.run(transaction);
        AuditRecord applied = record.get();
        store.request();
        NavigableMap<Long, AuditRecord> chain = store.chain(applied.chain());
        synchronized (chain) {
            if (chain.containsKey(applied.seq())) {
                return new AppendResult.SequenceConflict(applied.chain(), applied.seq());
            }
            transaction.staged().forEach(Runnable::run);
            chain.put(applied.seq(), applied);
            return new AppendResult.Appended(applied.seq());
        }
    }
}
