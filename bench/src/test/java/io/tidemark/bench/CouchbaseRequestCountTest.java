package io.tidemark.bench;

import io.tidemark.bench.backend.Backend;
import io.tidemark.bench.backend.CouchbaseBackend;

/** The request-count targets on CouchbaseMock, counted by the SDK's request tracer. */
class CouchbaseRequestCountTest extends RequestCountContract {

    @Override
    protected Backend startBackend() {
        return CouchbaseBackend.start();
    }

    /** The checkpoint, and the tip hint that names it. */
    @Override
    protected int closingWrites() {
        return 2;
    }
}
