package io.tidemark.bench;

import io.tidemark.bench.backend.Backend;
import io.tidemark.bench.backend.MongoBackend;

/** The written history on mongo-java-server. */
class MongoHistoryWriterTest extends HistoryWriterContract {

    @Override
    protected Backend startBackend() {
        return MongoBackend.start();
    }
}
