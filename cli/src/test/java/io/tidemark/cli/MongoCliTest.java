package io.tidemark.cli;

import io.tidemark.adapter.mongodb.testing.MongoFixture;

/** The command line against mongo-java-server. */
class MongoCliTest extends CliCommandsContract<MongoFixture> {

    @Override
    protected MongoFixture startFixture() {
        return MongoFixture.startEmbedded();
    }

    @Override
    protected CliExtras extras(MongoFixture fixture, Namespaces namespaces) {
        return new MongoCliExtras(fixture, namespaces);
    }
}
