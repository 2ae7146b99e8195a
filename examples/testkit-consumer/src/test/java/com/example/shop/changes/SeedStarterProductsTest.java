package com.example.shop.changes;

import static io.tidemark.test.TidemarkAssertions.assertThat;
import static io.tidemark.test.TidemarkAssertions.chain;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.example.shop.Catalog;
import com.example.shop.InMemoryCatalog;
import io.tidemark.core.RunReport;
import io.tidemark.core.TidemarkBuilder;
import io.tidemark.core.memory.InMemoryAuditStore;
import io.tidemark.test.TidemarkTest;
import org.junit.jupiter.api.Test;

@TidemarkTest
class SeedStarterProductsTest {

    @Test
    void seedsThreeProducts(TidemarkBuilder tidemark, InMemoryAuditStore store) {
        Catalog catalog = new InMemoryCatalog();

        RunReport report = tidemark.changeUnits(SeedStarterProducts.class)
                .dependency(Catalog.class, catalog)
                .build()
                .run();

        assertThat(report).applied("seed-starter-products");
        assertThat(chain(store)).verifies().hasMetadata("seed-starter-products", "products", "3");
        assertEquals(3, catalog.all().size());
    }
}
