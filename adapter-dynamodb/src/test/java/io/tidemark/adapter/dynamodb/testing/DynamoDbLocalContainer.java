package io.tidemark.adapter.dynamodb.testing;

import java.net.URI;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.DockerImageName;

/**
 * The {@code amazon/dynamodb-local} image run by Testcontainers, in memory with one shared
 * database. Needs a Docker engine; test classes using it are annotated
 * {@code @Testcontainers(disabledWithoutDocker = true)} so that they are skipped where there is none.
 */
public final class DynamoDbLocalContainer extends GenericContainer<DynamoDbLocalContainer> {

    /** The image, at the version of the DynamoDB Local the in-process tests use. */
    public static final DockerImageName IMAGE = DockerImageName.parse("amazon/dynamodb-local:2.6.1");
    private static final int PORT = 8000;

    public DynamoDbLocalContainer() {
        super(IMAGE);
        withExposedPorts(PORT);
        withCommand("-jar", "DynamoDBLocal.jar", "-inMemory", "-sharedDb", "-disableTelemetry");
        waitingFor(Wait.forListeningPort());
    }

    /** The endpoint on the host, once started. */
    public URI endpoint() {
        return URI.create("http://" + getHost() + ":" + getMappedPort(PORT));
    }

    /** Clients of the container's endpoint, once started. */
    public DynamoDbClientFactory clients() {
        return new DynamoDbClientFactory(endpoint(), DynamoDbLocalServer.REGION);
    }
}
