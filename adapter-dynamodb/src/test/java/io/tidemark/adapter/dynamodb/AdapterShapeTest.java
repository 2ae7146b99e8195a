package io.tidemark.adapter.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The adapter has the one shape every Tidemark adapter has: exactly these top-level classes (the
 * reader of Mongock's change log, which every adapter has since issue 18, included), and
 * only the store, the provider and the transaction handle public; the store is built by its builder.
 */
class AdapterShapeTest {

    private static final String PACKAGE = "io.tidemark.adapter.dynamodb";

    private static List<Class<?>> topLevelClasses() throws IOException, URISyntaxException {
        Path classes = Path.of(DynamoDbAuditStore.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .toURI());
        try (Stream<Path> files = Files.list(classes.resolve(PACKAGE.replace('.', '/')))) {
            return files.map(file -> file.getFileName().toString())
                    .filter(name ->
                            name.endsWith(".class") && !name.contains("$") && !name.equals("package-info.class"))
                    .<Class<?>>map(name -> load(PACKAGE + "." + name.substring(0, name.length() - ".class".length())))
                    .toList();
        }
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void exactlyTheClassesOfTheAdapterShape() throws Exception {
        assertThat(topLevelClasses())
                .extracting(Class::getSimpleName)
                .containsExactlyInAnyOrder(
                        "DynamoDbAuditStore",
                        "DynamoDbAuditStoreProvider",
                        "DynamoDbChangeTransaction",
                        "DynamoDbExecutionHistory",
                        "DynamoDbLockService",
                        "DynamoDbMongockChangeLog",
                        "DynamoDbRecordCodec",
                        "DynamoDbFailures",
                        "DynamoDbRequests",
                        "DynamoDbSchema",
                        "DynamoDbSettings",
                        "DynamoDbTransactionSupport");
    }

    @Test
    void onlyTheStoreTheProviderAndTheHandleArePublic() throws Exception {
        assertThat(topLevelClasses())
                .filteredOn(type -> Modifier.isPublic(type.getModifiers()))
                .containsExactlyInAnyOrder(
                        DynamoDbAuditStore.class, DynamoDbAuditStoreProvider.class, DynamoDbChangeTransaction.class);
    }

    @Test
    void theStoreHasNoPublicConstructor() {
        assertThat(DynamoDbAuditStore.class.getConstructors()).isEmpty();
    }
}
