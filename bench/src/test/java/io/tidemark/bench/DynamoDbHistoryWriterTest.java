package io.tidemark.bench;

import io.tidemark.adapter.dynamodb.testing.DynamoDbFixture;
import io.tidemark.tck.BackendFixture;

/** The written history on dynalite over HTTP. */
class DynamoDbHistoryWriterTest extends HistoryWriterContract {

    @Override
    protected BackendFixture startFixture() {
        return DynamoDbFixture.startDynalite();
    }
}
