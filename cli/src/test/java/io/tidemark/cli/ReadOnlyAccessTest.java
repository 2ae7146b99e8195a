package io.tidemark.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tidemark.adapter.couchbase.CouchbaseAuditStoreProvider;
import io.tidemark.adapter.dynamodb.DynamoDbAuditStoreProvider;
import io.tidemark.adapter.mongodb.MongoAuditStoreProvider;
import io.tidemark.core.error.ConfigurationException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReadOnlyAccessTest {

    @Test
    void theKeysTurnedOffAreTheAdaptersOwn() {
        assertThat(ReadOnlyAccess.AUTO_CREATE_KEYS)
                .containsExactlyInAnyOrder(
                        CouchbaseAuditStoreProvider.AUTO_CREATE,
                        DynamoDbAuditStoreProvider.AUTO_CREATE,
                        MongoAuditStoreProvider.AUTO_CREATE);
    }

    @Test
    void theEnvironmentKeepsWhatItHadAndTurnsAutoCreateOffEverywhere() {
        Map<String, String> guarded =
                ReadOnlyAccess.environment(Map.of("TIDEMARK_STORE", "mongodb", "TIDEMARK_MONGODB_AUTO_CREATE", "true"));

        assertThat(guarded)
                .containsEntry("TIDEMARK_STORE", "mongodb")
                .containsEntry("TIDEMARK_MONGODB_AUTO_CREATE", "false")
                .containsEntry("TIDEMARK_DYNAMODB_AUTO_CREATE", "false")
                .containsEntry("TIDEMARK_COUCHBASE_AUTO_CREATE", "false");
    }

    @Test
    void autoCreateForcedOnByASystemPropertyIsRefusedNamingIt() {
        System.setProperty("tidemark.mongodb.auto-create", "true");
        try {
            assertThatThrownBy(() -> ReadOnlyAccess.refuseForcedAutoCreate(
                            "tidemark status", "mongodb", null, null, ReadOnlyAccess.environment(Map.of())))
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessageContaining("tidemark.mongodb.auto-create=true is set in system property "
                            + "-Dtidemark.mongodb.auto-create, but tidemark status must not create");
        } finally {
            System.clearProperty("tidemark.mongodb.auto-create");
        }
    }

    @Test
    void autoCreateSetOnlyWhereTheCommandLineOutranksItIsAccepted() {
        assertThatCode(() -> ReadOnlyAccess.refuseForcedAutoCreate(
                        "tidemark status",
                        "mongodb",
                        null,
                        null,
                        ReadOnlyAccess.environment(Map.of("TIDEMARK_MONGODB_AUTO_CREATE", "true"))))
                .doesNotThrowAnyException();
    }
}
