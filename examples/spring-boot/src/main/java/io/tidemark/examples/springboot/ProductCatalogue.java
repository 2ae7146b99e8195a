package io.tidemark.examples.springboot;

import java.util.List;
import org.springframework.stereotype.Component;

/** The products the shop opens with: a Spring bean that a change unit takes as a parameter. */
@Component
public class ProductCatalogue {

    /** One product. */
    public record Product(String sku, String name, long priceCents) {}

    public List<Product> openingRange() {
        return List.of(
                new Product("TEA-001", "Sencha", 1250),
                new Product("TEA-002", "Assam", 990),
                new Product("MUG-001", "Stoneware mug", 1800));
    }
}
