package com.example.shop;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Sorts;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bson.Document;

/** The catalog in the MongoDB collection {@code products}, one document per product keyed by its sku. */
public final class MongoCatalog implements Catalog {

    private final MongoCollection<Document> products;

    public MongoCatalog(MongoDatabase database) {
        this.products = database.getCollection("products");
    }

    @Override
    public void put(Product product) {
        products.replaceOne(
                Filters.eq("_id", product.sku()),
                new Document("_id", product.sku())
                        .append("name", product.name())
                        .append("priceCents", product.priceCents()),
                new ReplaceOptions().upsert(true));
    }

    @Override
    public Optional<Product> find(String sku) {
        return Optional.ofNullable(products.find(Filters.eq("_id", sku)).first())
                .map(MongoCatalog::product);
    }

    @Override
    public void remove(String sku) {
        products.deleteOne(Filters.eq("_id", sku));
    }

    @Override
    public List<Product> all() {
        return products.find().sort(Sorts.ascending("_id")).into(new ArrayList<>()).stream()
                .map(MongoCatalog::product)
                .toList();
    }

    private static Product product(Document document) {
        return new Product(
                document.getString("_id"),
                document.getString("name"),
                document.get("priceCents", Number.class).longValue());
    }
}
