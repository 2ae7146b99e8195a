package io.tidemark.cli;

import io.tidemark.adapter.dynamodb.testing.DynamoDbFixture;

/** The command line against dynalite. */
class DynamoDbCliTest extends CliCommandsContract<DynamoDbFixture> {

    @Override
    protected DynamoDbFixture startFixture() {
        return DynamoDbFixture.startDynalite();
    }

    @Override
    protected CliExtras extras(DynamoDbFixture fixture, Namespaces namespaces) {
        return new DynamoDbCliExtras(fixture, namespaces);
    }
}
