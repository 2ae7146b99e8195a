package io.tidemark.examples.springboot.changes;

import static io.tidemark.test.TidemarkAssertions.assertThat;
import static io.tidemark.test.TidemarkAssertions.chain;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.tidemark.core.Rehearsal;
import io.tidemark.core.RunReport;
import io.tidemark.core.TidemarkBuilder;
import io.tidemark.core.memory.InMemoryAuditStore;
import io.tidemark.examples.springboot.ProductCatalogue;
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
 * The shop's change units, tested as the application's developers test theirs: with the test kit, in a
 * plain unit test, without starting Spring. In the application the change units receive Spring beans;
 * here the test hands the same objects to the builder itself ({@code dependency(...)}): the shop's
 * database, a fresh one per test on mongo-java-server in this JVM, and a {@link ProductCatalogue}. The
 * {@code @Qualifier} on {@link AddSkuIndex}'s parameter matters to Spring only; a dependency given to
 * the builder is matched by its type.
 */
@TidemarkTest
class ShopChangeUnitsTest {

    private static final String CHANGES = "io.tidemark.examples.springboot.changes";
    private static final String PRODUCTS = "products";
    private static final AtomicInteger DATABASES = new AtomicInteger();

    private static MongoServer server;
    private static MongoClient client;

    private final ProductCatalogue catalogue = new ProductCatalogue();
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

    /** The builder as the application's context would set it up: the shop's beans as dependencies. */
    private TidemarkBuilder withTheShopsBeans(TidemarkBuilder tidemark) {
        return tidemark.dependency(MongoDatabase.class, database).dependency(ProductCatalogue.class, catalogue);
    }

    private List<String> collections() {
        return database.listCollectionNames().into(new ArrayList<>());
    }

    private List<String> productSkus() {
        return database.getCollection(PRODUCTS).find().sort(new Document("sku", 1)).into(new ArrayList<>()).stream()
                .map(product -> product.getString("sku"))
                .toList();
    }

    private List<String> productIndexes() {
        return database.getCollection(PRODUCTS).listIndexes().into(new ArrayList<>()).stream()
                .map(index -> index.getString("name"))
                .sorted()
                .toList();
    }

    @Test
    void theChangeSetIsValidWithTheBeansTheApplicationDefines() {
        assertEquals(
                List.of("create-products-collection", "seed-products", "add-sku-index"),
                ChangeSetValidator.forPackage(CHANGES)
                        .supplies(MongoDatabase.class, ProductCatalogue.class)
                        .assertValid()
                        .stream()
                        .map(unit -> unit.id())
                        .toList());
    }

    @Test
    void withoutTheCatalogueBeanTheChangeSetIsReportedInvalid() {
        List<String> problems = ChangeSetValidator.forPackage(CHANGES)
                .supplies(MongoDatabase.class)
                .problems();

        assertEquals(2, problems.size(), problems::toString);
        assertTrue(
                problems.stream()
                        .allMatch(problem -> problem.contains(SeedProducts.class.getName())
                                && problem.contains(ProductCatalogue.class.getName())),
                problems::toString);
    }

    @Test
    void createsTheProductsCollection(TidemarkBuilder tidemark, InMemoryAuditStore store) {
        RunReport report = withTheShopsBeans(tidemark)
                .changeUnits(CreateProductsCollection.class)
                .build()
                .run();

        assertThat(report).applied("create-products-collection");
        assertThat(chain(store)).verifies().hasApplied("create-products-collection");
        assertTrue(collections().contains(PRODUCTS), collections()::toString);
    }

    @Test
    void seedsTheCatalogueOpeningRangeAndRecordsHowManyItInserted(TidemarkBuilder tidemark, InMemoryAuditStore store) {
        RunReport report = withTheShopsBeans(tidemark)
                .changeUnits(CreateProductsCollection.class, SeedProducts.class)
                .build()
                .run();

        assertThat(report)
                .applied("create-products-collection", "seed-products")
                .inOrder();
        assertEquals(List.of("MUG-001", "TEA-001", "TEA-002"), productSkus());
        Document sencha = database.getCollection(PRODUCTS)
                .find(new Document("sku", "TEA-001"))
                .first();
        assertEquals("Sencha", sencha.getString("name"));
        assertEquals(1250L, sencha.getLong("priceCents"));
        assertThat(chain(store)).verifies().hasMetadata("seed-products", "inserted", "3");
    }

    @Test
    void theSkuIndexIsUniqueSoASecondProductWithTheSameSkuIsRefused(TidemarkBuilder tidemark) {
        withTheShopsBeans(tidemark).scanPackage(CHANGES).build().run();

        assertTrue(productIndexes().contains("sku_1"), productIndexes()::toString);
        MongoWriteException duplicate = assertThrows(
                MongoWriteException.class,
                () -> database.getCollection(PRODUCTS)
                        .insertOne(new Document("sku", "TEA-001").append("name", "Another sencha")));
        assertEquals(11000, duplicate.getCode(), duplicate::getMessage);
        assertEquals(List.of("MUG-001", "TEA-001", "TEA-002"), productSkus());
    }

    @Test
    void rollingBackTheSeedRemovesTheOpeningRangeAndLeavesOtherProducts(TidemarkBuilder tidemark) {
        Rehearsal rehearsal = withTheShopsBeans(tidemark).scanPackage(CHANGES).buildRehearsal();
        rehearsal.apply("create-products-collection");
        database.getCollection(PRODUCTS).insertOne(new Document("sku", "CUP-009").append("name", "Espresso cup"));
        rehearsal.apply("seed-products");

        rehearsal.rollBack("seed-products");

        assertEquals(List.of("CUP-009"), productSkus(), "only what the seed inserted is removed");
        assertThat(chain(rehearsal)).verifies();
    }

    @Test
    void rollingBackTheCollectionDropsIt(TidemarkBuilder tidemark) {
        Rehearsal rehearsal = withTheShopsBeans(tidemark)
                .changeUnits(CreateProductsCollection.class)
                .buildRehearsal();
        rehearsal.apply("create-products-collection");

        rehearsal.rollBack("create-products-collection");

        assertFalse(collections().contains(PRODUCTS), collections()::toString);
    }

    @Test
    void theWholeChangeSetRunsOnceInOrderAndASecondStartAppliesNothing(
            TidemarkBuilder tidemark, InMemoryAuditStore store) {
        var shop = withTheShopsBeans(tidemark).scanPackage(CHANGES).build();

        RunReport first = shop.run();
        RunReport second = shop.run();

        assertThat(first)
                .applied("create-products-collection", "seed-products", "add-sku-index")
                .inOrder()
                .isComplete();
        assertThat(second).nothingToDo().tookNoLock();
        assertThat(chain(store)).verifies().hasNoIssues().hasRecordCount(7); // two per change and a checkpoint
        assertEquals(List.of("MUG-001", "TEA-001", "TEA-002"), productSkus(), "nothing inserted twice");
    }

    @Test
    void theRehearsalPassesEveryRollbackUndoesItsChange(TidemarkBuilder tidemark) {
        var report = ChangeSetRehearsal.of(withTheShopsBeans(tidemark).scanPackage(CHANGES))
                .observing(this::snapshot)
                .assertPasses();

        assertEquals(3, report.changeCount());
    }

    /**
     * The shop's database as the rehearsal compares it: every collection's documents, by SKU and without
     * the {@code _id} MongoDB generates (a product inserted again gets a new one), and its indexes.
     */
    private Map<String, Object> snapshot() {
        Map<String, Object> state = new TreeMap<>();
        for (String name : collections()) {
            Map<String, String> documents = new TreeMap<>();
            database.getCollection(name).find().forEach(document -> {
                Document withoutId = new Document(document);
                withoutId.remove("_id");
                documents.put(document.getString("sku"), withoutId.toJson());
            });
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
