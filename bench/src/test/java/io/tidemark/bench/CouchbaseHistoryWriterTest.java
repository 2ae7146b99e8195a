package io.tidemark.bench;

import io.tidemark.adapter.couchbase.testing.CouchbaseFixture;
import io.tidemark.tck.BackendFixture;

/** The written history on CouchbaseMock. */
class CouchbaseHistoryWriterTest extends HistoryWriterContract {

    @Override
    protected BackendFixture startFixture() {
        return CouchbaseFixture.startMock();
    }
}
