package com.example.shop.changes;

import com.example.shop.Catalog;
import com.example.shop.Product;
import io.tidemark.api.ChangeContext;
import io.tidemark.api.ChangeUnit;
import io.tidemark.api.Execution;
import io.tidemark.api.RollbackExecution;

/** Teas cost 10 % more (rounded to the cent); the rollback restores the prices it found. */
@ChangeUnit(id = "raise-tea-prices", order = "2", author = "shop-team")
public class RaiseTeaPrices {

    @Execution
    public void raise(Catalog catalog, ChangeContext context) {
        int raised = 0;
        for (Product product : catalog.all()) {
            if (product.sku().startsWith("tea-")) {
                catalog.put(new Product(product.sku(), product.name(), Math.round(product.priceCents() * 1.1)));
                context.putMetadata("was." + product.sku(), Long.toString(product.priceCents()));
                raised++;
            }
        }
        context.putMetadata("raised", Integer.toString(raised));
    }

    @RollbackExecution
    public void restore(Catalog catalog) {
        for (Product product : catalog.all()) {
            if (product.sku().startsWith("tea-")) {
                catalog.put(new Product(product.sku(), product.name(), Math.round(product.priceCents() / 1.1)));
            }
        }
    }
}
