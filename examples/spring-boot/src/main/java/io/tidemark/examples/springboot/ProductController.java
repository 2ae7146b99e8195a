package io.tidemark.examples.springboot;

import com.mongodb.client.MongoDatabase;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /products}: what the change units put in the products collection. */
@RestController
class ProductController {

    private final MongoDatabase database;

    ProductController(MongoDatabase database) {
        this.database = database;
    }

    @GetMapping("/products")
    List<String> products() {
        List<String> skus = new ArrayList<>();
        for (Document product : database.getCollection("products").find().sort(new Document("sku", 1))) {
            skus.add(product.getString("sku") + " " + product.getString("name"));
        }
        return skus;
    }
}
