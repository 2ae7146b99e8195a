package io.tidemark.it;

import com.couchbase.client.core.msg.kv.DurabilityLevel;
import com.couchbase.client.java.Cluster;
import com.couchbase.client.java.ClusterOptions;
import io.tidemark.adapter.couchbase.testing.CouchbaseFixture;
import io.tidemark.adapter.dynamodb.testing.DynamoDbFixture;
import io.tidemark.adapter.dynamodb.testing.MotoContainer;
import io.tidemark.adapter.mongodb.testing.MongoFixture;
import io.tidemark.it.backend.OutageRoute;
import io.tidemark.it.backend.PausedContainerRoute;
import io.tidemark.it.scenario.CrashScenario;
import io.tidemark.it.scenario.OneChangeSetScenario;
import io.tidemark.it.scenario.OutageScenario;
import io.tidemark.it.scenario.ProcessRaceScenario;
import io.tidemark.it.scenario.StoreSwapScenario;
import io.tidemark.it.scenario.TamperingScenario;
import io.tidemark.tck.BackendFixture;
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

/**
 * Every scenario against servers in containers, through the adapters' fixtures over them: moto's
 * DynamoDB ({@code motoserver/moto}), {@code mongod} ({@code mongo:7}, a single-node replica set
 * reached with {@code directConnection=true}) and Couchbase Server (the bucket's default
 * collection). Child JVMs get the containers' mapped addresses in their configuration. The outage
 * goes through the loopback proxy for DynamoDB and MongoDB and pauses the container for Couchbase
 * ({@link PausedContainerRoute} says why). Skipped where there is no Docker engine.
 */
@Testcontainers(disabledWithoutDocker = true)
class RealServersTest {

    private static final String BUCKET = "tidemark";
    private static final String DEFAULT = "_default";

    @Container
    private static final MotoContainer DYNAMODB = new MotoContainer();

    @Container
    private static final MongoDBContainer MONGO =
            new MongoDBContainer(DockerImageName.parse("mongo:7")).withReplicaSet();

    @Container
    private static final CouchbaseContainer COUCHBASE = new CouchbaseContainer(
                    DockerImageName.parse("couchbase/server:7.6.2"))
            .withEnabledServices(CouchbaseService.KV)
            .withBucket(new BucketDefinition(BUCKET).withReplicas(0).withPrimaryIndex(false));

    private static Cluster couchbaseCluster;
    private static List<BackendFixture> fixtures;

    /** The fixtures over the started containers, with clients connected once. */
    static synchronized List<BackendFixture> startedFixtures() {
        if (fixtures == null) {
            DynamoDbFixture dynamoDb = DynamoDbFixture.over(
                    DYNAMODB.clients(),
                    "moto " + MotoContainer.IMAGE.getVersionPart() + " at " + DYNAMODB.endpoint(),
                    true,
                    () -> {});
            MongoFixture mongo = MongoFixture.over(
                    MONGO.getConnectionString() + "/?directConnection=true",
                    "mongod 7 (replica set) in a container",
                    () -> {});
            couchbaseCluster = Cluster.connect(
                    COUCHBASE.getConnectionString(),
                    ClusterOptions.clusterOptions(COUCHBASE.getUsername(), COUCHBASE.getPassword()));
            couchbaseCluster.bucket(BUCKET).waitUntilReady(Duration.ofMinutes(1));
            CouchbaseFixture couchbase = CouchbaseFixture.over(
                    couchbaseCluster,
                    new CouchbaseFixture.Server(
                            COUCHBASE.getConnectionString(),
                            COUCHBASE.getUsername(),
                            COUCHBASE.getPassword(),
                            BUCKET,
                            DEFAULT,
                            DEFAULT,
                            DurabilityLevel.NONE),
                    "Couchbase Server 7.6.2 in a container");
            fixtures = List.of(dynamoDb, mongo, couchbase);
        }
        return fixtures;
    }

    @AfterAll
    static void disconnect() {
        if (fixtures != null) {
            fixtures.forEach(BackendFixture::close);
        }
        if (couchbaseCluster != null) {
            couchbaseCluster.disconnect();
        }
    }

    @Nested
    class OneChangeSet extends OneChangeSetScenario {
        @Override
        protected List<BackendFixture> backends() {
            return startedFixtures();
        }
    }

    @Nested
    class ProcessRace extends ProcessRaceScenario {
        @Override
        protected List<BackendFixture> backends() {
            return startedFixtures();
        }
    }

    @Nested
    class CrashMidChange extends CrashScenario {
        @Override
        protected List<BackendFixture> backends() {
            return startedFixtures();
        }
    }

    @Nested
    class BackendOutage extends OutageScenario {
        @Override
        protected List<BackendFixture> backends() {
            return startedFixtures();
        }

        /** Couchbase Server: the container paused, since its clients would bypass a proxy. */
        @Override
        protected OutageRoute outageRoute(BackendFixture fixture, String namespace) {
            if (fixture instanceof CouchbaseFixture) {
                return new PausedContainerRoute(
                        COUCHBASE,
                        COUCHBASE.getConnectionString(),
                        COUCHBASE.getUsername(),
                        COUCHBASE.getPassword(),
                        BUCKET,
                        CouchbaseFixture.keyPrefix(namespace));
            }
            return super.outageRoute(fixture, namespace);
        }
    }

    @Nested
    class StoreSwap extends StoreSwapScenario {
        @Override
        protected List<BackendFixture> backends() {
            return startedFixtures();
        }
    }

    @Nested
    class Tampering extends TamperingScenario {
        @Override
        protected List<BackendFixture> backends() {
            return startedFixtures();
        }
    }
}
