package io.tidemark.adapter.couchbase;

import io.tidemark.adapter.couchbase.testing.CouchbaseFixture;
import io.tidemark.tck.BackendFixture;
import io.tidemark.tck.ContractSuites;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Every TCK suite against CouchbaseMock (default collection), one mock shared by the JVM. A small
 * page size makes the paging tests span many batches. The store offers no transactions.
 */
class CouchbaseMockContractsTest extends ContractSuites {

    private static CouchbaseFixture couchbase;

    @BeforeAll
    static void startMock() {
        couchbase = CouchbaseFixture.sharedMock().withPageSize(25);
    }

    @AfterAll
    static void stopMock() {
        couchbase.close();
    }

    @Override
    protected BackendFixture fixture() {
        return couchbase;
    }
}
