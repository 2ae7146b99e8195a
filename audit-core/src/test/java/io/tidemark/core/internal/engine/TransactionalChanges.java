package io.tidemark.core.internal.engine;

import io.tidemark.api.ChangeContext;
import io.tidemark.api.ChangeUnit;
import io.tidemark.api.Execution;
import io.tidemark.core.memory.InMemoryTransaction;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Change units that write through the in-memory store's transaction handle. */
final class TransactionalChanges {

    private TransactionalChanges() {}

    /** The target of the transactional writes; a write lands only when its transaction commits. */
    static final class Ledger {
        final List<String> rows = new CopyOnWriteArrayList<>();
        volatile boolean failAfterStaging;
    }

    @ChangeUnit(id = "tx-insert-rows", order = "1")
    public static final class InsertRows {
        @Execution
        public void apply(InMemoryTransaction transaction, Ledger ledger, ChangeContext context) {
            transaction.stage(() -> ledger.rows.add("row-1"));
            transaction.stage(() -> ledger.rows.add("row-2"));
            context.putMetadata("rows", "2");
            if (ledger.failAfterStaging) {
                throw new IllegalStateException("failed after staging two rows");
            }
        }
    }
}
