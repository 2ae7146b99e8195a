package io.tidemark.it.backend;

import io.tidemark.adapter.couchbase.testing.CouchbaseMockServer;
import io.tidemark.adapter.dynamodb.testing.DynaliteServer;
import io.tidemark.adapter.mongodb.testing.EmbeddedMongoServer;
import java.util.List;

/**
 * The backends whose servers the tests start in this JVM, once, on first use, and stop when the JVM
 * exits: dynalite (a Node.js process, over HTTP), mongo-java-server and CouchbaseMock (through the
 * adapters' test fixtures). Every scenario test class of the embedded suite shares them; namespaces
 * keep the tests apart.
 */
public final class EmbeddedBackends {

    private static List<Backend> all;

    private EmbeddedBackends() {
    }

    /** Every embedded backend, servers started. */
    public static synchronized List<Backend> all() {
        if (all == null) {
            all = List.of(dynamoDb(), mongo(), couchbase());
        }
        return all;
    }

    private static Backend dynamoDb() {
        DynaliteServer server = DynaliteServer.shared();
        return new DynamoDbBackend(server.endpoint(), DynaliteServer.REGION, server.client());
    }

    private static Backend mongo() {
        EmbeddedMongoServer server = EmbeddedMongoServer.start();
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "mongo-java-server-stop"));
        return new MongoBackend(server.connectionString(), server.client());
    }

    private static Backend couchbase() {
        CouchbaseMockServer server = CouchbaseMockServer.shared();
        return new CouchbaseBackend(server.connectionString(), server.username(), server.password(), server.bucket(),
                server.cluster(), CouchbaseMockBehindProxy::start);
    }
}
