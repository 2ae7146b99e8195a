package io.tidemark.it.backend;

import io.tidemark.adapter.couchbase.testing.CouchbaseFixture;
import io.tidemark.adapter.dynamodb.testing.DynaliteServer;
import io.tidemark.adapter.dynamodb.testing.DynamoDbFixture;
import io.tidemark.adapter.mongodb.testing.MongoFixture;
import io.tidemark.tck.BackendFixture;
import java.util.List;

/**
 * The adapters' fixtures on the servers the tests start in this JVM, once, on first use, and stop
 * when the JVM exits: dynalite (a Node.js process, over HTTP; the JVM's shared one), mongo-java-server
 * and CouchbaseMock (the JVM's shared one). Every scenario test class of the embedded suite shares
 * them; namespaces keep the tests apart.
 */
public final class EmbeddedFixtures {

    private static List<BackendFixture> all;

    private EmbeddedFixtures() {}

    /** Every embedded backend's fixture, servers started: DynamoDB, MongoDB, Couchbase, in that order. */
    public static synchronized List<BackendFixture> all() {
        if (all == null) {
            all = List.of(dynamoDb(), mongo(), CouchbaseFixture.sharedMock());
        }
        return all;
    }

    /** Over the JVM's shared dynalite, which stops itself at exit; the fixture's client lives as long. */
    private static BackendFixture dynamoDb() {
        DynaliteServer server = DynaliteServer.shared();
        return DynamoDbFixture.over(server.clients(), server.toString(), false, () -> {});
    }

    private static BackendFixture mongo() {
        MongoFixture fixture = MongoFixture.startEmbedded();
        Runtime.getRuntime().addShutdownHook(new Thread(fixture::close, "mongo-java-server-stop"));
        return fixture;
    }
}
