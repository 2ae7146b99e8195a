package io.tidemark.cli;

/** The command line against CouchbaseMock. */
class CouchbaseCliTest extends CliCommandsContract {

    @Override
    protected CliBackend startBackend() {
        return new CouchbaseCliBackend();
    }
}
