package io.tidemark.it.backend;

import io.tidemark.adapter.couchbase.testing.CouchbaseFixture;
import io.tidemark.adapter.dynamodb.testing.DynamoDbFixture;
import io.tidemark.adapter.mongodb.testing.MongoFixture;
import io.tidemark.tck.BackendFixture;

/** The {@link OutageRoute} to a fixture's server that needs nothing but loopback TCP: the embedded servers'. */
public final class OutageRoutes {

    private OutageRoutes() {}

    /**
     * A route to {@code namespace} of {@code fixture}'s server: a loopback proxy in front of the
     * fixture's DynamoDB endpoint or MongoDB server; for Couchbase, whose
     * clients bypass a proxy given only as the seed, a CouchbaseMock of its own behind proxies
     * ({@link CouchbaseMockBehindProxy}) under the namespace's key prefix. A Couchbase Server in a
     * container needs {@link PausedContainerRoute} instead.
     */
    public static OutageRoute through(BackendFixture fixture, String namespace) {
        if (fixture instanceof DynamoDbFixture dynamoDb) {
            return new DynamoDbProxyRoute(
                    dynamoDb.clients(), DynamoDbFixture.tablePrefix(namespace), Counters.of(fixture, namespace));
        }
        if (fixture instanceof MongoFixture mongo) {
            return new MongoProxyRoute(
                    mongo.connectionString(), MongoFixture.database(namespace), Counters.of(fixture, namespace));
        }
        if (fixture instanceof CouchbaseFixture) {
            return CouchbaseMockBehindProxy.start(CouchbaseFixture.keyPrefix(namespace));
        }
        throw new IllegalArgumentException("no outage route to " + fixture.describe());
    }
}
