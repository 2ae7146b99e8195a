package io.tidemark.tck.memory;

import io.tidemark.core.model.AuditRecord;
import io.tidemark.core.port.AuditStore;
import io.tidemark.tck.AuditStoreContract;
import io.tidemark.tck.ChainVerificationContract;
import io.tidemark.tck.EngineContract;
import io.tidemark.tck.ExecutionHistoryContract;
import io.tidemark.tck.LockServiceContract;
import java.time.Clock;
import org.junit.jupiter.api.Nested;

/** Every TCK suite against the in-memory reference implementation. */
class InMemoryContractsTest {

    /** Stores created for one test share their data, as adapters' stores share a server. */
    private InMemoryAuditStore first;

    private synchronized AuditStore store(Clock clock) {
        if (first == null) {
            first = new InMemoryAuditStore(clock);
            return first;
        }
        return first.sharingDataWith(clock);
    }

    @Nested
    class Store extends AuditStoreContract {
        @Override
        protected AuditStore createStore(Clock clock) {
            return store(clock);
        }
    }

    @Nested
    class History extends ExecutionHistoryContract {
        @Override
        protected AuditStore createStore(Clock clock) {
            return store(clock);
        }
    }

    @Nested
    class Locks extends LockServiceContract {
        @Override
        protected AuditStore createStore(Clock clock) {
            return store(clock);
        }
    }

    @Nested
    class Engine extends EngineContract {
        @Override
        protected AuditStore createStore(Clock clock) {
            return store(clock);
        }
    }

    @Nested
    class Verification extends ChainVerificationContract {
        @Override
        protected AuditStore createStore(Clock clock) {
            return store(clock);
        }

        @Override
        protected void overwriteRecord(AuditStore store, AuditRecord replacement) {
            ((InMemoryAuditStore) store).overwrite(replacement);
        }

        @Override
        protected void deleteRecord(AuditStore store, String chain, long seq) {
            ((InMemoryAuditStore) store).delete(chain, seq);
        }
    }
}
