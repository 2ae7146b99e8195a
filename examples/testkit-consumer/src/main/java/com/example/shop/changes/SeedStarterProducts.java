package com.example.shop.changes;

import com.example.shop.Catalog;
import com.example.shop.Product;
import io.tidemark.api.ChangeContext;
import io.tidemark.api.ChangeUnit;
import io.tidemark.api.Execution;
import io.tidemark.api.RollbackExecution;
import java.util.List;

/** The three products the shop opens with. */
@ChangeUnit(id = "seed-starter-products", order = "1", author = "shop-team")
public class SeedStarterProducts {

    static final List<Product> STARTERS = List.of(
            new Product("tea-green", "Green tea, 100 g", 650),
            new Product("tea-black", "Black tea, 100 g", 590),
            new Product("mug", "Stoneware mug", 1490));

    @Execution
    public void seed(Catalog catalog, ChangeContext context) {
        STARTERS.forEach(catalog::put);
        context.putMetadata("products", Integer.toString(STARTERS.size()));
    }

    @RollbackExecution
    public void unseed(Catalog catalog) {
        STARTERS.forEach(product -> catalog.remove(product.sku()));
    }
}
