package io.tidemark.cli;

/** The command line against mongo-java-server. */
class MongoCliTest extends CliCommandsContract {

    @Override
    protected CliBackend startBackend() {
        return new MongoCliBackend();
    }
}
