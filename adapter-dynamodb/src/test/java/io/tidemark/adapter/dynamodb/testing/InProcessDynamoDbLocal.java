package io.tidemark.adapter.dynamodb.testing;

import com.amazonaws.services.dynamodbv2.local.embedded.DynamoDBEmbedded;
import com.amazonaws.services.dynamodbv2.local.shared.access.AmazonDynamoDBLocal;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Amazon DynamoDB Local running inside this JVM, in memory, with telemetry off: no port, no
 * process. Its {@link #client()} is a real SDK v2 {@code DynamoDbClient}. Stop it with
 * {@link #close()}.
 *
 * <p>DynamoDB Local leaves a non-daemon background thread (its stream shard scheduler) that even
 * {@code shutdownNow()} does not end: a child JVM that uses this class should end with
 * {@code System.exit}. Surefire's forked JVMs do.
 */
public final class InProcessDynamoDbLocal implements AutoCloseable {

    private final AmazonDynamoDBLocal local;
    private final DynamoDbClient client;

    private InProcessDynamoDbLocal(AmazonDynamoDBLocal local) {
        this.local = local;
        this.client = local.dynamoDbClient();
    }

    /** Starts an empty in-memory DynamoDB Local. */
    public static InProcessDynamoDbLocal start() {
        return new InProcessDynamoDbLocal(DynamoDBEmbedded.create(true));
    }

    /** A client of this instance; thread-safe, shared, closed by {@link #close()}. */
    public DynamoDbClient client() {
        return client;
    }

    @Override
    public void close() {
        client.close();
        local.shutdownNow();
    }
}
