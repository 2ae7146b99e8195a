package io.tidemark.examples.quickstart.changes.dynamodb;

import static io.tidemark.test.TidemarkAssertions.assertThat;
import static io.tidemark.test.TidemarkAssertions.chain;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tidemark.adapter.dynamodb.testing.DynaliteServer;
import io.tidemark.core.RunReport;
import io.tidemark.core.TidemarkBuilder;
import io.tidemark.core.memory.InMemoryAuditStore;
import io.tidemark.test.ChangeSetRehearsal;
import io.tidemark.test.ChangeSetValidator;
import io.tidemark.test.RehearsalReport;
import io.tidemark.test.TidemarkTest;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;

/**
 * The quickstart's DynamoDB change units, tested with the test kit against the application's own test
 * DynamoDB: dynalite, which the build runs with Node.js (the audit log stays in the kit's in-memory
 * store). The table {@code orders} is dropped after each test.
 */
@TidemarkTest
class DynamoDbChangeUnitsTest {

    private static final String CHANGES = "io.tidemark.examples.quickstart.changes.dynamodb";

    private static DynaliteServer dynamo;

    @BeforeAll
    static void startTheTestDatabase() {
        dynamo = DynaliteServer.start();
    }

    @AfterAll
    static void stopTheTestDatabase() {
        dynamo.close();
    }

    @AfterEach
    void dropTheOrdersTable() {
        try {
            dynamo.client().deleteTable(delete -> delete.tableName(Orders.TABLE));
        } catch (ResourceNotFoundException alreadyGone) {
            // The test created no table.
        }
    }

    private static DynamoDbClient client() {
        return dynamo.client();
    }

    private Map<String, Map<String, AttributeValue>> orders() {
        Map<String, Map<String, AttributeValue>> byId = new TreeMap<>();
        client().scan(scan -> scan.tableName(Orders.TABLE).consistentRead(true))
                .items()
                .forEach(item -> byId.put(item.get(Orders.ORDER_ID).s(), item));
        return byId;
    }

    @Test
    void theChangeSetIsValid() {
        assertEquals(
                List.of("create-orders-table", "seed-orders", "add-order-month", "backfill-order-status"),
                ChangeSetValidator.forPackage(CHANGES).supplies(DynamoDbClient.class).assertValid().stream()
                        .map(unit -> unit.id())
                        .toList());
    }

    @Test
    void createsTheTableWithItsIndexAndAcceptsItWhenItExists(TidemarkBuilder tidemark, InMemoryAuditStore store) {
        tidemark.changeUnits(CreateOrdersTable.class).dependency(DynamoDbClient.class, client());
        tidemark.build().run();
        tidemark.chain("second-service").build().run();

        var table = client().describeTable(describe -> describe.tableName(Orders.TABLE))
                .table();
        assertEquals(
                Orders.BY_CUSTOMER_INDEX, table.globalSecondaryIndexes().get(0).indexName());
        assertThat(chain(store))
                .hasMetadata("create-orders-table", "table", "orders")
                .hasMetadata("create-orders-table", "index", Orders.BY_CUSTOMER_INDEX);
        assertThat(chain(store, "second-service"))
                .hasMetadata("create-orders-table", "table", "orders (existed already)");
    }

    @Test
    void seedsSixOrdersDerivesTheMonthAndBackfillsTheStatusOfOrdersWithoutOne(
            TidemarkBuilder tidemark, InMemoryAuditStore store) {
        tidemark.changeUnits(CreateOrdersTable.class, SeedOrders.class)
                .dependency(DynamoDbClient.class, client())
                .build()
                .run();
        client().updateItem(update -> update.tableName(Orders.TABLE)
                .key(Map.of(Orders.ORDER_ID, AttributeValue.fromS("o-1003")))
                .updateExpression("SET #status = :shipped")
                .expressionAttributeNames(Map.of("#status", Orders.STATUS))
                .expressionAttributeValues(Map.of(":shipped", AttributeValue.fromS("SHIPPED"))));

        RunReport report = tidemark.changeUnits(AddOrderMonth.class, BackfillOrderStatus.class)
                .build()
                .run();

        assertThat(report)
                .applied("add-order-month", "backfill-order-status")
                .inOrder()
                .skipped("create-orders-table", "seed-orders");
        Map<String, Map<String, AttributeValue>> orders = orders();
        assertEquals(6, orders.size());
        assertEquals("2026-03", orders.get("o-1001").get(Orders.PLACED_MONTH).s());
        assertEquals("SHIPPED", orders.get("o-1003").get(Orders.STATUS).s());
        assertEquals("PLACED", orders.get("o-1006").get(Orders.STATUS).s());
        assertThat(chain(store))
                .verifies()
                .hasMetadata("seed-orders", "orders", "6")
                .hasMetadata("add-order-month", "updated", "6")
                .hasMetadata("backfill-order-status", "backfilled", "5");
    }

    @Test
    void theRehearsalAppliesEachChangeOnceAndTheSecondRunNothing(TidemarkBuilder tidemark) {
        RehearsalReport report = ChangeSetRehearsal.of(
                        tidemark.scanPackage(CHANGES).dependency(DynamoDbClient.class, client()))
                .observing(this::snapshot)
                .assertPasses();

        // None of these changes has a rollback, so there is nothing to roll back and apply again.
        assertEquals(
                List.of(
                        "apply create-orders-table: APPLIED",
                        "apply seed-orders: APPLIED",
                        "apply add-order-month: APPLIED",
                        "apply backfill-order-status: APPLIED",
                        "second run: nothing applied"),
                report.steps());
    }

    /** The orders table as the rehearsal compares it: whether it exists, and its items by id. */
    private Object snapshot() {
        boolean exists = client().listTables().tableNames().contains(Orders.TABLE);
        return exists ? orders() : "no orders table";
    }
}
