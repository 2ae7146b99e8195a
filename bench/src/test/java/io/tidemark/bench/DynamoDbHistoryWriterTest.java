package io.tidemark.bench;

import io.tidemark.bench.backend.Backend;
import io.tidemark.bench.backend.DynamoDbBackend;

/** The written history on dynalite over HTTP. */
class DynamoDbHistoryWriterTest extends HistoryWriterContract {

    @Override
    protected Backend startBackend() {
        return DynamoDbBackend.start();
    }
}
