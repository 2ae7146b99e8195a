package com.example.shop.changes;

import com.example.shop.Catalog;
import com.example.shop.InMemoryCatalog;
import io.tidemark.core.TidemarkBuilder;
import io.tidemark.test.ChangeSetRehearsal;
import io.tidemark.test.ChangeSetValidator;
import io.tidemark.test.TidemarkTest;
import org.junit.jupiter.api.Test;

/** The whole change set: valid as build() sees it, and every rollback undoes its change. */
@TidemarkTest
class ShopChangeSetTest {

    @Test
    void theChangeSetIsValid() {
        ChangeSetValidator.forPackage("com.example.shop.changes")
                .supplies(Catalog.class)
                .assertValid();
    }

    @Test
    void everyRollbackUndoesItsChange(TidemarkBuilder tidemark) {
        InMemoryCatalog catalog = new InMemoryCatalog();

        ChangeSetRehearsal.of(tidemark.scanPackage("com.example.shop.changes").dependency(Catalog.class, catalog))
                .observing(catalog::all)
                .assertPasses();
    }
}
