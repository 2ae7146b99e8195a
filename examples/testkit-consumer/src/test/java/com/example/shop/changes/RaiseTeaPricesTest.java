package com.example.shop.changes;

import static io.tidemark.test.TidemarkAssertions.assertRunFails;
import static io.tidemark.test.TidemarkAssertions.assertThat;
import static io.tidemark.test.TidemarkAssertions.chain;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.example.shop.Catalog;
import com.example.shop.InMemoryCatalog;
import com.example.shop.Product;
import io.tidemark.core.RunReport;
import io.tidemark.core.Tidemark;
import io.tidemark.core.TidemarkBuilder;
import io.tidemark.core.memory.InMemoryAuditStore;
import io.tidemark.spi.AuditState;
import io.tidemark.test.TidemarkInject;
import io.tidemark.test.TidemarkTest;
import java.util.List;
import org.junit.jupiter.api.Test;

@TidemarkTest
class RaiseTeaPricesTest {

    @TidemarkInject
    TidemarkBuilder tidemark;

    @TidemarkInject
    InMemoryAuditStore store;

    @Test
    void runsAfterTheSeedAndRaisesTeasOnly() {
        InMemoryCatalog catalog = new InMemoryCatalog();
        Tidemark shop = tidemark.scanPackage("com.example.shop.changes")
                .dependency(Catalog.class, catalog)
                .build();

        RunReport first = shop.run();
        RunReport second = shop.run();

        assertThat(first).applied("seed-starter-products", "raise-tea-prices").inOrder();
        assertThat(second).nothingToDo();
        assertThat(chain(store))
                .verifies()
                .hasMetadata("raise-tea-prices", "raised", "2")
                .hasMetadata("raise-tea-prices", "was.tea-green", "650");
        assertEquals(
                List.of(
                        new Product("mug", "Stoneware mug", 1490),
                        new Product("tea-black", "Black tea, 100 g", 649),
                        new Product("tea-green", "Green tea, 100 g", 715)),
                catalog.all());
    }

    @Test
    void aCatalogThatFailsStopsTheRunAndTheAttemptIsRecorded() {
        Catalog offline = new InMemoryCatalog() {
            @Override
            public List<Product> all() {
                throw new IllegalStateException("catalog offline");
            }
        };
        Tidemark shop = tidemark.changeUnits(RaiseTeaPrices.class)
                .dependency(Catalog.class, offline)
                .build();

        assertRunFails(shop)
                .withError(IllegalStateException.class)
                .withMessageContaining("catalog offline")
                .rollbackFailed();
        assertThat(chain(store))
                .hasRecordsOf("raise-tea-prices", AuditState.STARTED, AuditState.FAILED, AuditState.ROLLBACK_FAILED);
    }
}
