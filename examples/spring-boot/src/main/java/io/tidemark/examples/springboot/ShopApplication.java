package io.tidemark.examples.springboot;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A small shop whose MongoDB collections are shaped by Tidemark change units (package
 * {@code changes}) at startup: the starter finds them in this application's package, gives them Spring
 * beans, runs them once per database, and reports on {@code /actuator/tidemark} and
 * {@code /actuator/health}.
 */
@SpringBootApplication
public class ShopApplication {

    public static void main(String[] args) {
        SpringApplication.run(ShopApplication.class, args);
    }
}
