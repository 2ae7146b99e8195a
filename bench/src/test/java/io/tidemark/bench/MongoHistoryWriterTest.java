package io.tidemark.bench;

import io.tidemark.adapter.mongodb.testing.MongoFixture;
import io.tidemark.tck.BackendFixture;

/** The written history on mongo-java-server. */
class MongoHistoryWriterTest extends HistoryWriterContract {

    @Override
    protected BackendFixture startFixture() {
        return MongoFixture.startEmbedded();
    }
}
