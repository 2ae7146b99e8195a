package io.tidemark.cli;

/** The command line against DynamoDB Local in server mode. */
class DynamoDbCliTest extends CliCommandsContract {

    @Override
    protected CliBackend startBackend() {
        return new DynamoDbCliBackend();
    }
}
