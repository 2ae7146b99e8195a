package io.tidemark.examples.springboot.changes;

import com.mongodb.client.MongoDatabase;
import io.tidemark.api.ChangeUnit;
import io.tidemark.api.Execution;
import io.tidemark.api.RollbackExecution;

/** Creates the products collection; the database is a Spring bean, given to the constructor. */
@ChangeUnit(id = "create-products-collection", order = "1", author = "shop-team")
public class CreateProductsCollection {

    private final MongoDatabase database;

    public CreateProductsCollection(MongoDatabase database) {
        this.database = database;
    }

    @Execution
    public void apply() {
        database.createCollection("products");
    }

    @RollbackExecution
    public void undo() {
        database.getCollection("products").drop();
    }
}
