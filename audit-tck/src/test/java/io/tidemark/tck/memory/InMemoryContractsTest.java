package io.tidemark.tck.memory;

import io.tidemark.core.model.AuditRecord;
import io.tidemark.core.port.AuditStore;
import io.tidemark.tck.ContractSuites;
import java.time.Clock;

/** Every TCK suite against the in-memory reference implementation. */
class InMemoryContractsTest extends ContractSuites {

    /** Stores created for one test share their data, as adapters' stores share a server. */
    private InMemoryAuditStore first;

    @Override
    protected synchronized AuditStore createStore(Clock clock) {
        if (first == null) {
            first = new InMemoryAuditStore(clock);
            return first;
        }
        return first.sharingDataWith(clock);
    }

    @Override
    protected void overwriteRecord(AuditStore store, AuditRecord replacement) {
        ((InMemoryAuditStore) store).overwrite(replacement);
    }

    @Override
    protected void deleteRecord(AuditStore store, String chain, long seq) {
        ((InMemoryAuditStore) store).delete(chain, seq);
    }

    @Override
    protected void overwriteRecordWithState(AuditStore store, AuditRecord record, String state) {
        ((InMemoryAuditStore) store).overwriteWithUnknownState(record, state);
    }
}
