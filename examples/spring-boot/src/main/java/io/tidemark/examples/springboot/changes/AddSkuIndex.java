package io.tidemark.examples.springboot.changes;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.IndexOptions;
import io.tidemark.api.ChangeUnit;
import io.tidemark.api.Execution;
import org.bson.Document;
import org.springframework.beans.factory.annotation.Qualifier;

/** A unique index on the SKU; the database bean is named with a qualifier, as in any Spring bean. */
@ChangeUnit(id = "add-sku-index", order = "3", author = "shop-team")
public class AddSkuIndex {

    @Execution
    public void apply(@Qualifier("shopDatabase") MongoDatabase database) {
        database.getCollection("products").createIndex(new Document("sku", 1), new IndexOptions().unique(true));
    }
}
