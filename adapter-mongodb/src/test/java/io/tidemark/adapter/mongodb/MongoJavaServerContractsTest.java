package io.tidemark.adapter.mongodb;

import io.tidemark.adapter.mongodb.testing.MongoFixture;
import io.tidemark.tck.BackendFixture;
import io.tidemark.tck.ContractSuites;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Every TCK suite against mongo-java-server (memory backend), started here. Stores share the
 * server and the default collections of one database; tests isolate themselves by chain and lock
 * names. A page size of 25 makes the paging tests span ten pages. mongo-java-server has no
 * transactions: the transaction suite checks that beginning one is refused, naming why.
 */
class MongoJavaServerContractsTest extends ContractSuites {

    private static MongoFixture mongo;

    @BeforeAll
    static void startServer() {
        mongo = MongoFixture.startEmbedded().withPageSize(25);
    }

    @AfterAll
    static void stopServer() {
        mongo.close();
    }

    @Override
    protected BackendFixture fixture() {
        return mongo;
    }
}
