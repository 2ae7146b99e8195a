package io.tidemark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.adapter.couchbase.CouchbaseAuditStoreProvider;
import io.tidemark.adapter.dynamodb.DynamoDbStoreProvider;
import io.tidemark.adapter.mongodb.MongoAuditStoreProvider;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReadOnlyAccessTest {

    @Test
    void theKeysTurnedOffAreTheAdaptersOwn() {
        assertThat(ReadOnlyAccess.AUTO_CREATE_KEYS).containsExactlyInAnyOrder(CouchbaseAuditStoreProvider.AUTO_CREATE,
                DynamoDbStoreProvider.AUTO_CREATE, MongoAuditStoreProvider.AUTO_CREATE);
    }

    @Test
    void theEnvironmentKeepsWhatItHadAndTurnsAutoCreateOffEverywhere() {
        Map<String, String> guarded = ReadOnlyAccess.environment(Map.of("TIDEMARK_STORE", "mongodb",
                "TIDEMARK_MONGODB_AUTO_CREATE", "true"));

        assertThat(guarded).containsEntry("TIDEMARK_STORE", "mongodb")
                .containsEntry("TIDEMARK_MONGODB_AUTO_CREATE", "false")
                .containsEntry("TIDEMARK_DYNAMODB_AUTO_CREATE", "false")
                .containsEntry("TIDEMARK_COUCHBASE_AUTO_CREATE", "false");
    }
}
