package io.tidemark.adapter.couchbase;

import io.tidemark.adapter.couchbase.testing.CouchbaseMockServer;
import io.tidemark.adapter.couchbase.testing.RawAuditDocuments;
import io.tidemark.core.model.AuditRecord;
import io.tidemark.core.port.AuditStore;
import io.tidemark.tck.ContractSuites;
import java.time.Clock;
import org.junit.jupiter.api.BeforeAll;

/**
 * Every TCK suite against CouchbaseMock (default collection), one mock shared by the JVM. A small
 * page size makes the paging tests span many batches.
 */
class CouchbaseMockContractsTest extends ContractSuites {

    static final int PAGE_SIZE = 25;

    private static CouchbaseMockServer server;

    @BeforeAll
    static void startMock() {
        server = CouchbaseMockServer.shared();
    }

    static AuditStore store(Clock clock) {
        return CouchbaseAuditStore.builder(server.cluster(), server.bucket())
                .connectionString(server.connectionString()).pageSize(PAGE_SIZE).clock(clock).build();
    }

    static RawAuditDocuments raw() {
        return new RawAuditDocuments(server.cluster().bucket(server.bucket()).defaultCollection(),
                CouchbaseAuditStore.Builder.DEFAULT_KEY_PREFIX);
    }

    @Override
    protected AuditStore createStore(Clock clock) {
        return store(clock);
    }

    @Override
    protected void overwriteRecord(AuditStore store, AuditRecord replacement) {
        raw().overwrite(replacement);
    }

    @Override
    protected void deleteRecord(AuditStore store, String chain, long seq) {
        raw().delete(chain, seq);
    }

    /** The tip hint names where the chain ended, so removing the newest record is reported. */
    @Override
    protected boolean remembersTheNewestRecord() {
        return true;
    }

    @Override
    protected void overwriteRecordWithState(AuditStore store, AuditRecord record, String state) {
        store.history().tip(record.chain()); // writes the hint the store left pending, as a newer writer would find it
        raw().overwriteWithState(record, state);
    }
}
