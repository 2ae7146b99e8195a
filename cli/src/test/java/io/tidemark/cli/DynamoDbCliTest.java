package io.tidemark.cli;

/** The command line against dynalite. */
class DynamoDbCliTest extends CliCommandsContract {

    @Override
    protected CliBackend startBackend() {
        return new DynamoDbCliBackend();
    }
}
