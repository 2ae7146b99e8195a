package io.tidemark.adapter.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.adapter.dynamodb.testing.DynaliteServer;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;

/** The dynalite fixture: it serves DynamoDB requests, keeps data where asked, and leaves no process behind. */
class DynaliteServerTest {

    @Test
    void servesTablesThatAreActiveAtOnceAndStopsItsProcessOnClose() {
        DynaliteServer server = DynaliteServer.start();
        long pid = server.pid();

        createTable(server, "things");
        TableStatus status = server.awaitActive("things");
        server.close();

        assertThat(status).isEqualTo(TableStatus.ACTIVE);
        assertThat(server.versions()).startsWith("dynalite 4.0.0, Node.js v");
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false))
                .isFalse();
    }

    @Test
    void aServerStartedOnTheSameFolderSeesTheDataOfTheFirst(@TempDir Path data) {
        try (DynaliteServer first = DynaliteServer.start(data)) {
            createTable(first, "kept");
        }

        try (DynaliteServer second = DynaliteServer.start(data)) {
            assertThat(second.client().listTables().tableNames()).containsExactly("kept");
        }
    }

    private static void createTable(DynaliteServer server, String name) {
        server.client()
                .createTable(c -> c.tableName(name)
                        .billingMode(BillingMode.PAY_PER_REQUEST)
                        .attributeDefinitions(AttributeDefinition.builder()
                                .attributeName("id")
                                .attributeType(ScalarAttributeType.S)
                                .build())
                        .keySchema(KeySchemaElement.builder()
                                .attributeName("id")
                                .keyType(KeyType.HASH)
                                .build()));
    }
}
