package io.tidemark.adapter.couchbase;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.spi.AuditStoreProvider;
import java.io.IOException;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The module the adapter ships: its name, the one package it exports, and the provider it registers. */
class ModuleDescriptorTest {

    /** The descriptor the module runs with, or, where the tests run on the class path, the compiled one. */
    private static ModuleDescriptor descriptor() throws IOException {
        Module module = CouchbaseAuditStore.class.getModule();
        if (module.isNamed()) {
            return module.getDescriptor();
        }
        try (InputStream compiled = Files.newInputStream(Path.of("target", "classes", "module-info.class"))) {
            return ModuleDescriptor.read(compiled);
        }
    }

    @Test
    void exportsOnlyTheAdapterPackageAndProvidesTheCouchbaseProvider() throws IOException {
        ModuleDescriptor descriptor = descriptor();

        assertThat(descriptor.name()).isEqualTo("io.tidemark.adapter.couchbase");
        assertThat(descriptor.exports()).singleElement().satisfies(exported -> {
            assertThat(exported.source()).isEqualTo("io.tidemark.adapter.couchbase");
            assertThat(exported.isQualified()).isFalse();
        });
        assertThat(descriptor.provides()).singleElement().satisfies(provided -> {
            assertThat(provided.service()).isEqualTo(AuditStoreProvider.class.getName());
            assertThat(provided.providers()).containsExactly(CouchbaseAuditStoreProvider.class.getName());
        });
        assertThat(descriptor.requires()).anySatisfy(required -> {
            assertThat(required.name()).isEqualTo("io.tidemark.core");
            assertThat(required.modifiers()).contains(ModuleDescriptor.Requires.Modifier.TRANSITIVE);
        });
    }
}
