package io.tidemark.adapter.mongodb;

import io.tidemark.adapter.mongodb.testing.AuditTampering;
import io.tidemark.adapter.mongodb.testing.EmbeddedMongoServer;
import io.tidemark.core.model.AuditRecord;
import io.tidemark.core.port.AuditStore;
import io.tidemark.tck.ContractSuites;
import java.time.Clock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Every TCK suite against mongo-java-server (memory backend), started here. Stores share the
 * server and the default collections; tests isolate themselves by chain and lock names. A page
 * size of 25 makes the paging tests span ten pages.
 */
class MongoJavaServerContractsTest extends ContractSuites {

    static final String DATABASE = "tidemark_tck";
    static final int PAGE_SIZE = 25;

    private static EmbeddedMongoServer mongo;

    @BeforeAll
    static void startServer() {
        mongo = EmbeddedMongoServer.start();
    }

    @AfterAll
    static void stopServer() {
        mongo.close();
    }

    static AuditStore store(Clock clock) {
        return new MongoAuditStore(mongo.client(), DATABASE,
                MongoStoreOptions.builder().pageSize(PAGE_SIZE).clock(clock).build());
    }

    @Override
    protected AuditStore createStore(Clock clock) {
        return store(clock);
    }

    @Override
    protected void overwriteRecord(AuditStore store, AuditRecord replacement) {
        tampering(store).overwrite(replacement);
    }

    @Override
    protected void deleteRecord(AuditStore store, String chain, long seq) {
        tampering(store).delete(chain, seq);
    }

    @Override
    protected void overwriteRecordWithState(AuditStore store, AuditRecord record, String state) {
        tampering(store).overwriteWithState(record, state);
    }

    private AuditTampering tampering(AuditStore store) {
        MongoAuditStore mongoStore = (MongoAuditStore) store;
        return AuditTampering.of(mongo.client(), mongoStore.database(), mongoStore.options().auditCollection());
    }
}
