package io.tidemark.examples.springboot.changes;

import com.mongodb.client.MongoDatabase;
import io.tidemark.api.ChangeContext;
import io.tidemark.api.ChangeUnit;
import io.tidemark.api.Execution;
import io.tidemark.api.RollbackExecution;
import io.tidemark.examples.springboot.ProductCatalogue;
import java.util.List;
import org.bson.Document;

/** Inserts the opening range: two Spring beans and Tidemark's change context as parameters. */
@ChangeUnit(id = "seed-products", order = "2", author = "shop-team")
public class SeedProducts {

    @Execution
    public void apply(MongoDatabase database, ProductCatalogue catalogue, ChangeContext context) {
        List<Document> products = catalogue.openingRange().stream()
                .map(p -> new Document("sku", p.sku()).append("name", p.name()).append("priceCents", p.priceCents()))
                .toList();
        database.getCollection("products").insertMany(products);
        context.putMetadata("inserted", Integer.toString(products.size()));
    }

    @RollbackExecution
    public void undo(MongoDatabase database, ProductCatalogue catalogue) {
        catalogue
                .openingRange()
                .forEach(p -> database.getCollection("products").deleteOne(new Document("sku", p.sku())));
    }
}
