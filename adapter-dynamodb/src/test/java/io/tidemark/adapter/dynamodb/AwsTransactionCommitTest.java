package io.tidemark.adapter.dynamodb;

import io.tidemark.adapter.dynamodb.testing.AwsOptIn;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * {@link TransactionCommitContract} against Amazon DynamoDB itself. Opt-in: runs only with
 * {@code TIDEMARK_IT_AWS=1} and AWS credentials and a region in the environment (see
 * {@link AwsOptIn}). Every table it uses is created under a prefix unique to the run (on-demand
 * billing) and deleted afterwards.
 */
@EnabledIfEnvironmentVariable(named = AwsOptIn.VARIABLE, matches = "1")
@ExtendWith(AwsOptIn.class)
class AwsTransactionCommitTest extends TransactionCommitContract {

    private static final String PREFIX = AwsOptIn.uniqueTablePrefix();
    private static DynamoDbClient client;

    @BeforeAll
    static void connect() {
        client = AwsOptIn.client();
    }

    @AfterAll
    static void deleteTablesAndDisconnect() {
        if (client != null) {
            try {
                AwsOptIn.deleteTables(client, PREFIX);
            } finally {
                client.close();
            }
        }
    }

    @Override
    protected DynamoDbClient client() {
        return client;
    }

    @Override
    protected String tablePrefix() {
        return PREFIX;
    }
}
