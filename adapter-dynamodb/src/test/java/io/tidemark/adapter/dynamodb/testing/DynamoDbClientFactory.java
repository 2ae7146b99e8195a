package io.tidemark.adapter.dynamodb.testing;

import java.net.URI;
import java.time.Duration;
import java.util.function.Consumer;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * SDK v2 clients of one DynamoDB endpoint (dynalite, moto in a container), with a region and static
 * placeholder credentials: both check only that a request is signed, not by whom. The placeholder
 * holds letters only, which every emulator accepts as an access key id.
 *
 * @param endpoint where DynamoDB listens
 * @param region   the region to sign requests for
 */
public record DynamoDbClientFactory(URI endpoint, String region) {

    /** Placeholder access key id and secret; the emulators accept any. */
    public static final String PLACEHOLDER_CREDENTIAL = "tidemarktest";

    /** A client with the SDK's default retries and timeouts. */
    public DynamoDbClient create() {
        return create(o -> {});
    }

    /**
     * A client that fails at once: no retries, 2 s per attempt. For tests of unreachable or
     * failing endpoints, which must not wait for back-off.
     */
    public DynamoDbClient createFailingFast() {
        return create(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry())
                .apiCallAttemptTimeout(Duration.ofSeconds(2))
                .apiCallTimeout(Duration.ofSeconds(5)));
    }

    /** A client with {@code overrides} applied to its configuration (interceptors, retries, timeouts). */
    public DynamoDbClient create(Consumer<ClientOverrideConfiguration.Builder> overrides) {
        return DynamoDbClient.builder()
                .endpointOverride(endpoint)
                .region(Region.of(region))
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(PLACEHOLDER_CREDENTIAL, PLACEHOLDER_CREDENTIAL)))
                .overrideConfiguration(overrides)
                .build();
    }
}
