package io.tidemark.examples.springboot;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.adapter.mongodb.testing.EmbeddedMongoServer;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/**
 * The example's repackaged fat jar, run with {@code java -jar} against one mongo-java-server that the
 * test starts: the change units inside the nested jar are found and applied once, a second start applies
 * nothing and decides so from the build-time index without loading a change unit, {@code /actuator/health} and {@code /actuator/tidemark} answer over real HTTP, and four
 * instances started together apply each change exactly once.
 */
class ShopApplicationIT {

    private static final List<String> CHANGES = List.of("create-products-collection", "seed-products", "add-sku-index");

    @Test
    void theFatJarAppliesItsChangeUnitsOnceAndAnswersOverHttp() {
        try (EmbeddedMongoServer mongo = EmbeddedMongoServer.start()) {
            try (RunningShop first = RunningShop.start("first", mongo.connectionString())) {
                first.awaitReady();
                HttpResponse<String> health = first.get("/actuator/health");
                assertThat(health.statusCode()).isEqualTo(200);
                assertThat(health.body()).contains("\"status\":\"UP\"").contains("\"tidemark\"");
                assertThat(first.get("/products").body()).contains("TEA-001 Sencha", "MUG-001 Stoneware mug");
                assertThat(first.log()).contains("3 applied, 0 already applied");
                assertThat(first.log()).doesNotContain("does not use the build-time index");
            }
            assertThat(applied(mongo))
                    .isEqualTo(Map.of("create-products-collection", 1, "seed-products", 1, "add-sku-index", 1));

            try (RunningShop second = RunningShop.start(
                    "second", mongo.connectionString(), "--logging.level.io.tidemark.core.internal.loading=DEBUG")) {
                second.awaitReady();
                assertThat(second.log())
                        .as("the idle start decided from tidemark-processor's index in the fat jar")
                        .contains("Tidemark knows the 3 change units of [io.tidemark.examples.springboot] from "
                                + "their build-time index; no class loaded")
                        .doesNotContain("does not use the build-time index");
                HttpResponse<String> report = second.get("/actuator/tidemark");
                assertThat(report.statusCode()).isEqualTo(200);
                assertThat(report.body())
                        .contains(
                                "\"upToDate\":true",
                                "\"applied\":3",
                                "\"pending\":[]",
                                "\"issues\":[]",
                                "database 'shop'");
                assertThat(second.get("/actuator/health").body()).contains("\"status\":\"UP\"");
                assertThat(second.log()).doesNotContain("3 applied");
            }
            assertThat(applied(mongo))
                    .as("the second start applied nothing")
                    .containsOnlyKeys(CHANGES)
                    .allSatisfy((change, count) -> assertThat(count).isEqualTo(1));
        }
    }

    @Test
    void fourInstancesStartedTogetherApplyEachChangeOnceAndAllStart() {
        try (EmbeddedMongoServer mongo = EmbeddedMongoServer.start()) {
            List<RunningShop> shops = new ArrayList<>();
            try {
                for (int i = 1; i <= 4; i++) {
                    shops.add(RunningShop.start("instance-" + i, mongo.connectionString()));
                }
                for (RunningShop shop : shops) {
                    shop.awaitReady();
                    assertThat(shop.get("/actuator/health").body()).contains("\"status\":\"UP\"");
                }
            } finally {
                shops.forEach(RunningShop::close);
            }
            assertThat(applied(mongo))
                    .isEqualTo(Map.of("create-products-collection", 1, "seed-products", 1, "add-sku-index", 1));
            assertThat(mongo.client()
                            .getDatabase("shop")
                            .getCollection("products")
                            .countDocuments())
                    .isEqualTo(3);
        }
    }

    /** How many APPLIED records each change has in the shop's audit log. */
    private static Map<String, Integer> applied(EmbeddedMongoServer mongo) {
        Map<String, Integer> applied = new TreeMap<>();
        for (Document record : mongo.client()
                .getDatabase("shop")
                .getCollection("tidemarkAudit")
                .find(new Document("state", "APPLIED"))) {
            applied.merge(record.getString("changeId"), 1, Integer::sum);
        }
        return applied;
    }
}
