package io.tidemark.examples.quickstart;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.adapter.dynamodb.testing.DynaliteServer;
import io.tidemark.core.ChangeResult;
import io.tidemark.core.ConfigSource;
import io.tidemark.examples.quickstart.QuickstartSettings.Backend;
import io.tidemark.spi.AuditRecord;
import io.tidemark.spi.AuditState;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code quickstart.backend=dynamodb}: the DynamoDB change units on dynalite, and stores moved by configuration. */
class DynamoDbQuickstartTest {

    @Test
    void onDynaliteTheFirstStartAppliesEveryChangeAndTheRestartedInstanceNothing() {
        Printed printed = new Printed();

        Quickstart.Outcome outcome =
                new Quickstart(QuickstartSettings.inMemory(Backend.DYNAMODB), List.of(), printed.stream()).run();

        assertThat(outcome.first().applied())
                .extracting(ChangeResult::changeId)
                .containsExactly("create-orders-table", "seed-orders", "add-order-month", "backfill-order-status");
        assertThat(outcome.second().nothingToDo()).isTrue();
        assertThat(outcome.history())
                .extracting(AuditRecord::state)
                .hasSize(9)
                .last()
                .isEqualTo(AuditState.CHECKPOINT);
        assertThat(outcome.history().get(1).metadata())
                .containsEntry("table", "orders")
                .containsEntry("index", "byCustomer");
        assertThat(outcome.history().get(3).metadata()).containsEntry("orders", "6");
        assertThat(outcome.history().get(5).metadata()).containsEntry("updated", "6");
        assertThat(outcome.history().get(7).metadata()).containsEntry("backfilled", "6");
        assertThat(printed.text())
                .contains(
                        "DynamoDB served by dynalite (Node.js) at http://127.0.0.1:",
                        "audit store (built in code): DynamoDB",
                        "Hash chain verified: 9 records intact",
                        "o-1001  placed 2026-03-01T09:12:00Z     42.50  status PLACED",
                        "o-1006  placed 2026-03-05T07:45:00Z      8.99  status PLACED");
    }

    @Test
    void aSecondRunOnTheSameDataDirectoryAppliesNothing(@TempDir Path data) {
        QuickstartSettings settings =
                QuickstartSettings.inMemory(Backend.DYNAMODB).withDataDir(data);
        Quickstart.Outcome firstRun = new Quickstart(settings, List.of(), new Printed().stream()).run();
        Printed printed = new Printed();

        Quickstart.Outcome secondRun = new Quickstart(settings, List.of(), printed.stream()).run();

        assertThat(firstRun.first().applied()).hasSize(4);
        assertThat(secondRun.first().nothingToDo()).isTrue();
        assertThat(secondRun.history()).hasSize(9);
        assertThat(printed.text())
                .contains(
                        "data kept in "
                                + data.resolve(DynamoDbTarget.DATA_FOLDER).toAbsolutePath(),
                        "o-1002  placed 2026-03-02T17:40:00Z     19.99  status PLACED");
    }

    @Test
    void withAnEndpointTheChangeUnitsWorkOnThatDynamoDb() {
        try (DynaliteServer dynamo = DynaliteServer.start()) {
            Printed printed = new Printed();
            QuickstartSettings settings = QuickstartSettings.from(io.tidemark.core.TidemarkConfig.of(ConfigSource.of(
                    "test",
                    Map.of(
                            "quickstart.backend",
                            "dynamodb",
                            "tidemark.dynamodb.endpoint",
                            dynamo.endpoint().toString()))));

            Quickstart.Outcome outcome = new Quickstart(settings, List.of(), printed.stream()).run();

            assertThat(outcome.first().applied()).hasSize(4);
            assertThat(printed.text()).contains("change units work on : DynamoDB at " + dynamo.endpoint());
            assertThat(dynamo.client().listTables().tableNames()).contains("orders", "tidemark_audit", "tidemark_lock");
        }
    }

    @Test
    void tidemarkStoreMovesTheAuditLogOfTheMongoDbQuickstartToDynamoDbByConfigurationAlone() {
        try (DynaliteServer dynamo = DynaliteServer.start()) {
            Printed printed = new Printed();
            QuickstartSettings settings = QuickstartSettings.from(
                    io.tidemark.core.TidemarkConfig.of(ConfigSource.of("test", dynamo.configuration())));

            Quickstart.Outcome outcome = new Quickstart(
                            settings, List.of(ConfigSource.of("test", dynamo.configuration())), printed.stream())
                    .run();

            assertThat(outcome.first().applied())
                    .extracting(ChangeResult::changeId)
                    .first()
                    .isEqualTo("create-orders-collection");
            assertThat(outcome.second().nothingToDo()).isTrue();
            assertThat(printed.text())
                    .contains(
                            "change units work on : MongoDB served in-process",
                            "audit store (from configuration, tidemark.store=dynamodb)",
                            "endpoint " + dynamo.endpoint());
            assertThat(dynamo.client()
                            .scan(scan -> scan.tableName("tidemark_audit"))
                            .count())
                    .isEqualTo(9);
        }
    }

    @Test
    void tidemarkStoreDynamoDbWithTheDynamoDbBackendFindsTheStartedDynaliteAsFallback() {
        Printed printed = new Printed();

        Quickstart.Outcome outcome = new Quickstart(
                        QuickstartSettings.inMemory(Backend.DYNAMODB).withStore("dynamodb"),
                        List.of(ConfigSource.of("test", Map.of("tidemark.dynamodb.table-prefix", "configured_"))),
                        printed.stream())
                .run();

        assertThat(outcome.first().applied()).hasSize(4);
        assertThat(outcome.second().nothingToDo()).isTrue();
        assertThat(printed.text())
                .contains(
                        "audit store (from configuration, tidemark.store=dynamodb)",
                        "'configured_tidemark_audit'",
                        "endpoint http://127.0.0.1:");
    }
}
