package io.tidemark.adapter.dynamodb.testing;

import java.net.URI;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.DockerImageName;

/**
 * moto's server ({@code motoserver/moto}, Apache-2.0) run by Testcontainers: an independent
 * emulation of AWS services, DynamoDB among them, that also implements {@code TransactWriteItems}
 * and {@code UpdateTimeToLive}, which dynalite lacks. It keeps its data in memory and accepts any
 * credentials.
 *
 * <p>Needs a Docker engine: test classes using it are annotated
 * {@code @Testcontainers(disabledWithoutDocker = true)}, so that they are skipped where there is
 * none. The one moto fixture of the project, shared by the adapter's tests and the integration tests.
 */
public final class MotoContainer extends GenericContainer<MotoContainer> {

    /** The image, pinned so that a run is repeatable. */
    public static final DockerImageName IMAGE = DockerImageName.parse("motoserver/moto:5.1.21");
    /** The region clients sign requests for; moto keeps one DynamoDB per region. */
    public static final String REGION = "us-east-1";

    private static final int PORT = 5000;

    public MotoContainer() {
        super(IMAGE);
        withExposedPorts(PORT);
        waitingFor(Wait.forListeningPort());
    }

    /** The endpoint on the host, once started. */
    public URI endpoint() {
        return URI.create("http://" + getHost() + ":" + getMappedPort(PORT));
    }

    /** Clients of the container's endpoint, once started. */
    public DynamoDbClientFactory clients() {
        return new DynamoDbClientFactory(endpoint(), REGION);
    }
}
