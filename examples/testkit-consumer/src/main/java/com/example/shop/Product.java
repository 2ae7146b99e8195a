package com.example.shop;

import java.util.Objects;

/**
 * A product of the shop's catalog.
 *
 * @param sku        its stock-keeping unit, unique
 * @param name       what customers see
 * @param priceCents its price in euro cents
 */
public record Product(String sku, String name, long priceCents) {

    public Product {
        Objects.requireNonNull(sku, "sku");
        Objects.requireNonNull(name, "name");
    }
}
