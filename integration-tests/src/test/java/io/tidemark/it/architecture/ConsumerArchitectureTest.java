package io.tidemark.it.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The stand-in for a user's project ({@code examples/testkit-consumer}, packages {@code com.example.shop}),
 * main and test classes: it uses the user API and the test kit alone.
 */
class ConsumerArchitectureTest {

    private static JavaClasses consumer;

    @BeforeAll
    static void importTheConsumer() {
        consumer = new ClassFileImporter().importPackages("com.example.shop");
    }

    @Test
    void itsMainAndTestClassesAreImported() {
        assertThat(consumer.contain("com.example.shop.ShopMigrations")).isTrue();
        assertThat(consumer.contain("com.example.shop.changes.SeedStarterProducts"))
                .isTrue();
        assertThat(consumer.contain("com.example.shop.changes.SeedStarterProductsTest"))
                .isTrue();
        assertThat(consumer.contain("com.example.shop.changes.ShopChangeSetTest"))
                .isTrue();
    }

    @Test
    void itUsesNoInternalTckOrTestingClass() {
        ArchitectureRules.applicationUsesPublishedApiOnly("com.example", "io.tidemark.core.internal", "io.tidemark.tck")
                .check(consumer);
    }
}
