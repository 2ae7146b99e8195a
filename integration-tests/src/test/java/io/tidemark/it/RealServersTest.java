package io.tidemark.it;

import com.couchbase.client.java.Cluster;
import com.couchbase.client.java.ClusterOptions;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.tidemark.adapter.dynamodb.testing.MotoContainer;
import io.tidemark.it.backend.Backend;
import io.tidemark.it.backend.CouchbaseBackend;
import io.tidemark.it.backend.DynamoDbBackend;
import io.tidemark.it.backend.MongoBackend;
import io.tidemark.it.backend.PausedContainerRoute;
import io.tidemark.it.scenario.CrashScenario;
import io.tidemark.it.scenario.OneChangeSetScenario;
import io.tidemark.it.scenario.OutageScenario;
import io.tidemark.it.scenario.ProcessRaceScenario;
import io.tidemark.it.scenario.StoreSwapScenario;
import io.tidemark.it.scenario.TamperingScenario;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Nested;
import org.testcontainers.couchbase.BucketDefinition;
import org.testcontainers.couchbase.CouchbaseContainer;
import org.testcontainers.couchbase.CouchbaseService;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.mongodb.MongoDBContainer;
import org.testcontainers.utility.DockerImageName;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Every scenario against servers in containers: moto's DynamoDB ({@code motoserver/moto}),
 * {@code mongod} ({@code mongo:7}, a single-node replica set reached with
 * {@code directConnection=true}) and Couchbase Server. Child JVMs get the containers' mapped
 * addresses in their configuration. The outage goes through the loopback proxy for DynamoDB and
 * MongoDB and pauses the container for Couchbase ({@link PausedContainerRoute} says why). Skipped
 * where there is no Docker engine.
 */
@Testcontainers(disabledWithoutDocker = true)
class RealServersTest {

    private static final String BUCKET = "tidemark";

    @Container
    private static final MotoContainer DYNAMODB = new MotoContainer();

    @Container
    private static final MongoDBContainer MONGO = new MongoDBContainer(DockerImageName.parse("mongo:7")).withReplicaSet();

    @Container
    private static final CouchbaseContainer COUCHBASE = new CouchbaseContainer(
            DockerImageName.parse("couchbase/server:7.6.2"))
            .withEnabledServices(CouchbaseService.KV)
            .withBucket(new BucketDefinition(BUCKET).withReplicas(0).withPrimaryIndex(false));

    private static DynamoDbClient dynamoDbClient;
    private static MongoClient mongoClient;
    private static Cluster couchbaseCluster;
    private static List<Backend> backends;

    /** The backends on the started containers, with clients connected once. */
    static synchronized List<Backend> startedBackends() {
        if (backends == null) {
            dynamoDbClient = DYNAMODB.clients().create();
            String mongoUri = MONGO.getConnectionString() + "/?directConnection=true";
            mongoClient = MongoClients.create(mongoUri);
            couchbaseCluster = Cluster.connect(COUCHBASE.getConnectionString(),
                    ClusterOptions.clusterOptions(COUCHBASE.getUsername(), COUCHBASE.getPassword()));
            couchbaseCluster.bucket(BUCKET).waitUntilReady(Duration.ofMinutes(1));
            backends = List.of(new DynamoDbBackend(DYNAMODB.endpoint(), MotoContainer.REGION, dynamoDbClient),
                    new MongoBackend(mongoUri, mongoClient),
                    new CouchbaseBackend(COUCHBASE.getConnectionString(), COUCHBASE.getUsername(),
                            COUCHBASE.getPassword(), BUCKET, couchbaseCluster,
                            namespace -> new PausedContainerRoute(COUCHBASE, COUCHBASE.getConnectionString(),
                                    COUCHBASE.getUsername(), COUCHBASE.getPassword(), BUCKET, namespace)));
        }
        return backends;
    }

    @AfterAll
    static void disconnect() {
        if (dynamoDbClient != null) {
            dynamoDbClient.close();
        }
        if (mongoClient != null) {
            mongoClient.close();
        }
        if (couchbaseCluster != null) {
            couchbaseCluster.disconnect();
        }
    }

    @Nested
    class OneChangeSet extends OneChangeSetScenario {
        @Override
        protected List<Backend> backends() {
            return startedBackends();
        }
    }

    @Nested
    class ProcessRace extends ProcessRaceScenario {
        @Override
        protected List<Backend> backends() {
            return startedBackends();
        }
    }

    @Nested
    class CrashMidChange extends CrashScenario {
        @Override
        protected List<Backend> backends() {
            return startedBackends();
        }
    }

    @Nested
    class BackendOutage extends OutageScenario {
        @Override
        protected List<Backend> backends() {
            return startedBackends();
        }
    }

    @Nested
    class StoreSwap extends StoreSwapScenario {
        @Override
        protected List<Backend> backends() {
            return startedBackends();
        }
    }

    @Nested
    class Tampering extends TamperingScenario {
        @Override
        protected List<Backend> backends() {
            return startedBackends();
        }
    }
}
