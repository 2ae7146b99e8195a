package com.example.shop;

import java.util.List;
import java.util.Optional;

/** The shop's product catalog: what the change units change. In production it lives in MongoDB ({@link MongoCatalog}). */
public interface Catalog {

    /** Adds or replaces the product with {@code product.sku()}. */
    void put(Product product);

    /** The product with {@code sku}, if there is one. */
    Optional<Product> find(String sku);

    /** Removes the product with {@code sku}; nothing happens when there is none. */
    void remove(String sku);

    /** Every product, by sku. */
    List<Product> all();
}
