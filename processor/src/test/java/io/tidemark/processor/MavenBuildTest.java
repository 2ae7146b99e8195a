package io.tidemark.processor;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.core.Tidemark;
import io.tidemark.core.memory.InMemoryAuditStore;
import io.tidemark.processor.maventest.MavenCompiledChange;
import io.tidemark.processor.testing.CapturedLog;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import org.junit.jupiter.api.Test;

/**
 * The module's own test sources are compiled by the maven-compiler-plugin with the processor, as a
 * user's Maven build compiles change units (see this module's pom): the index and the reflection
 * metadata are in target/test-classes, and Tidemark uses the index.
 */
class MavenBuildTest {

    static final String PACKAGE = "io.tidemark.processor.maventest";

    @Test
    void mavenWroteACompleteIndexThatTidemarkUses() throws IOException {
        String index = resource("META-INF/tidemark/index/" + PACKAGE + ".idx");
        assertThat(index)
                .startsWith("tidemark-index\t1\npackage\t" + PACKAGE + "\nstate\tcomplete\n")
                .contains("unit\tMavenCompiledChange\tmaven-compiled\t1\tMANUAL_INTERVENTION\tbuild\t");

        InMemoryAuditStore store = new InMemoryAuditStore(Clock.systemUTC());
        try (CapturedLog log = CapturedLog.start()) {
            Tidemark indexed =
                    Tidemark.builder().auditStore(store).scanPackage(PACKAGE).build();
            assertThat(log.linesContaining("build-time index")).isEmpty();
            assertThat(indexed.changeSetDigest())
                    .isEqualTo(Tidemark.builder()
                            .auditStore(store)
                            .changeUnits(MavenCompiledChange.class)
                            .build()
                            .changeSetDigest());
            assertThat(indexed.run().applied()).hasSize(1);
            assertThat(indexed.run().nothingToDo()).isTrue();
        }
    }

    @Test
    void mavenWroteTheReflectionMetadataUnderTheNameGivenAsAnOption() throws IOException {
        assertThat(resource("META-INF/native-image/io.tidemark/tidemark-processor-tests/reflect-config.json"))
                .contains("{\"name\": \"" + PACKAGE + ".MavenCompiledChange\"")
                .contains("{\"name\": \"apply\", \"parameterTypes\": [\"io.tidemark.api.ChangeContext\"]}");
    }

    private static String resource(String name) throws IOException {
        URL url = MavenBuildTest.class.getClassLoader().getResource(name);
        assertThat(url).as(name).isNotNull();
        try (InputStream in = url.openStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
