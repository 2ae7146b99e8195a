package com.example.shop;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The catalog in a map: the shop's own stand-in for MongoDB in unit tests. */
public class InMemoryCatalog implements Catalog {

    private final Map<String, Product> products = new TreeMap<>();

    @Override
    public void put(Product product) {
        products.put(product.sku(), product);
    }

    @Override
    public Optional<Product> find(String sku) {
        return Optional.ofNullable(products.get(sku));
    }

    @Override
    public void remove(String sku) {
        products.remove(sku);
    }

    @Override
    public List<Product> all() {
        return List.copyOf(products.values());
    }
}
