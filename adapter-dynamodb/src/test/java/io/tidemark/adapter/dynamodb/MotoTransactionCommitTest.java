package io.tidemark.adapter.dynamodb;

import io.tidemark.adapter.dynamodb.testing.MotoContainer;
import org.junit.jupiter.api.AfterAll;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * {@link TransactionCommitContract} against moto's server in a container, which implements
 * {@code TransactWriteItems}. Skipped where no Docker engine is available.
 */
@Testcontainers(disabledWithoutDocker = true)
class MotoTransactionCommitTest extends TransactionCommitContract {

    @Container
    private static final MotoContainer MOTO = new MotoContainer();

    private static DynamoDbClient client;

    @Override
    protected DynamoDbClient client() {
        return sharedClient();
    }

    private static synchronized DynamoDbClient sharedClient() {
        if (client == null) {
            client = MOTO.clients().create();
        }
        return client;
    }

    @Override
    protected String tablePrefix() {
        return "moto_";
    }

    @AfterAll
    static synchronized void closeClient() {
        if (client != null) {
            client.close();
            client = null;
        }
    }
}
