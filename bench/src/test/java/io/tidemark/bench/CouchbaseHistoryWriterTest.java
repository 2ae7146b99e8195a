package io.tidemark.bench;

import io.tidemark.bench.backend.Backend;
import io.tidemark.bench.backend.CouchbaseBackend;

/** The written history on CouchbaseMock. */
class CouchbaseHistoryWriterTest extends HistoryWriterContract {

    @Override
    protected Backend startBackend() {
        return CouchbaseBackend.start();
    }
}
