package io.tidemark.cli;

import io.tidemark.adapter.couchbase.testing.CouchbaseFixture;

/** The command line against a CouchbaseMock of its own. */
class CouchbaseCliTest extends CliCommandsContract<CouchbaseFixture> {

    @Override
    protected CouchbaseFixture startFixture() {
        return CouchbaseFixture.startMock();
    }

    @Override
    protected CliExtras extras(CouchbaseFixture fixture, Namespaces namespaces) {
        return new CouchbaseCliExtras(fixture, namespaces);
    }
}
