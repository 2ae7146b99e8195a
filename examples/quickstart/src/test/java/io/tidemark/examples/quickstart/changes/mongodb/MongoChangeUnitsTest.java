package io.tidemark.examples.quickstart.changes.mongodb;

import static io.tidemark.test.TidemarkAssertions.assertThat;
import static io.tidemark.test.TidemarkAssertions.chain;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.tidemark.core.RunReport;
import io.tidemark.core.TidemarkBuilder;
import io.tidemark.core.memory.InMemoryAuditStore;
import io.tidemark.test.ChangeSetRehearsal;
import io.tidemark.test.ChangeSetValidator;
import io.tidemark.test.TidemarkTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The quickstart's MongoDB change units, tested as an application's developer tests theirs: with the
 * test kit (an in-memory audit store per test, nothing else running for Tidemark) against the
 * application's own test database, here mongo-java-server in this JVM, a fresh database per test.
 */
@TidemarkTest
class MongoChangeUnitsTest {

    private static final String CHANGES = "io.tidemark.examples.quickstart.changes.mongodb";
    private static final AtomicInteger DATABASES = new AtomicInteger();

    private static MongoServer server;
    private static MongoClient client;

    private MongoDatabase database;

    @BeforeAll
    static void startTheTestDatabase() {
        server = new MongoServer(new MemoryBackend());
        client = MongoClients.create(server.bindAndGetConnectionString());
    }

    @AfterAll
    static void stopTheTestDatabase() {
        client.close();
        server.shutdownNow();
    }

    @BeforeEach
    void freshDatabase() {
        database = client.getDatabase("shop" + DATABASES.incrementAndGet());
    }

    private RunReport run(TidemarkBuilder tidemark, Class<?>... changeUnits) {
        return tidemark.changeUnits(changeUnits)
                .dependency(MongoDatabase.class, database)
                .build()
                .run();
    }

    private List<Document> orders() {
        return database.getCollection(Orders.COLLECTION)
                .find()
                .sort(new Document(Orders.ORDER_ID, 1))
                .into(new ArrayList<>());
    }

    @Test
    void theChangeSetIsValid() {
        assertEquals(
                List.of("create-orders-collection", "seed-orders", "add-customer-index", "backfill-order-status"),
                ChangeSetValidator.forPackage(CHANGES).supplies(MongoDatabase.class).assertValid().stream()
                        .map(unit -> unit.id())
                        .toList());
    }

    @Test
    void createsTheOrdersCollection(TidemarkBuilder tidemark, InMemoryAuditStore store) {
        RunReport report = run(tidemark, CreateOrdersCollection.class);

        assertThat(report).applied("create-orders-collection");
        assertThat(chain(store)).verifies().hasMetadata("create-orders-collection", "collection", "orders");
        assertTrue(database.listCollectionNames().into(new ArrayList<>()).contains(Orders.COLLECTION));
    }

    @Test
    void acceptsAnOrdersCollectionThatExistsAlready(TidemarkBuilder tidemark, InMemoryAuditStore store) {
        database.createCollection(Orders.COLLECTION);

        run(tidemark, CreateOrdersCollection.class);

        assertThat(chain(store)).hasMetadata("create-orders-collection", "collection", "orders (existed already)");
    }

    @Test
    void seedsSixOrdersAndLeavesAnOrderThatIsThereAsItIs(TidemarkBuilder tidemark, InMemoryAuditStore store) {
        database.getCollection(Orders.COLLECTION)
                .insertOne(new Document(Orders.ORDER_ID, "o-1002")
                        .append(Orders.CUSTOMER_ID, "c-ada")
                        .append(Orders.TOTAL_CENTS, 1L));

        run(tidemark, SeedOrders.class);

        List<Document> orders = orders();
        assertEquals(
                List.of("o-1001", "o-1002", "o-1003", "o-1004", "o-1005", "o-1006"),
                orders.stream().map(order -> order.getString(Orders.ORDER_ID)).toList());
        assertEquals(1L, orders.get(1).getLong(Orders.TOTAL_CENTS), "the application's own order is kept");
        assertEquals(12_000L, orders.get(2).getLong(Orders.TOTAL_CENTS));
        assertThat(chain(store)).hasMetadata("seed-orders", "orders", "6");
    }

    @Test
    void addsTheByCustomerIndex(TidemarkBuilder tidemark, InMemoryAuditStore store) {
        run(tidemark, CreateOrdersCollection.class, AddCustomerIndex.class);

        List<String> indexes = database.getCollection(Orders.COLLECTION).listIndexes().into(new ArrayList<>()).stream()
                .map(index -> index.getString("name"))
                .toList();
        assertTrue(indexes.contains(Orders.BY_CUSTOMER_INDEX), indexes::toString);
        assertThat(chain(store)).hasMetadata("add-customer-index", "index", Orders.BY_CUSTOMER_INDEX);
    }

    @Test
    void backfillsTheStatusOfOrdersWithoutOneOnly(TidemarkBuilder tidemark, InMemoryAuditStore store) {
        run(tidemark, SeedOrders.class);
        database.getCollection(Orders.COLLECTION)
                .updateOne(Filters.eq(Orders.ORDER_ID, "o-1004"), Updates.set(Orders.STATUS, "SHIPPED"));

        RunReport report =
                tidemark.changeUnits(BackfillOrderStatus.class).build().run();

        assertThat(report).applied("backfill-order-status").skipped("seed-orders");
        assertEquals(
                List.of("PLACED", "PLACED", "PLACED", "SHIPPED", "PLACED", "PLACED"),
                orders().stream().map(order -> order.getString(Orders.STATUS)).toList());
        assertThat(chain(store)).hasMetadata("backfill-order-status", "backfilled", "5");
    }

    @Test
    void theWholeChangeSetRunsOnceInOrderAndASecondStartAppliesNothing(
            TidemarkBuilder tidemark, InMemoryAuditStore store) {
        var built = tidemark.scanPackage(CHANGES)
                .dependency(MongoDatabase.class, database)
                .build();

        RunReport first = built.run();
        RunReport second = built.run();

        assertThat(first)
                .applied("create-orders-collection", "seed-orders", "add-customer-index", "backfill-order-status")
                .inOrder()
                .isComplete();
        assertThat(second).nothingToDo().tookNoLock();
        assertThat(chain(store)).verifies().hasNoIssues().hasRecordCount(9);
    }

    @Test
    void theRehearsalPasses(TidemarkBuilder tidemark) {
        ChangeSetRehearsal.of(tidemark.scanPackage(CHANGES).dependency(MongoDatabase.class, database))
                .observing(this::snapshot)
                .assertPasses();
    }

    /** The test database as the rehearsal compares it: every collection's documents by id, and its indexes. */
    private Map<String, Object> snapshot() {
        Map<String, Object> state = new TreeMap<>();
        for (String name : database.listCollectionNames().into(new ArrayList<>())) {
            Map<Object, Document> documents = new TreeMap<>();
            database.getCollection(name)
                    .find()
                    .forEach(document -> documents.put(document.get("_id").toString(), document));
            state.put(name, documents);
            state.put(
                    name + " indexes",
                    database.getCollection(name).listIndexes().into(new ArrayList<>()).stream()
                            .map(index -> index.getString("name"))
                            .sorted()
                            .toList());
        }
        return state;
    }
}
