package io.tidemark.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.adapter.dynamodb.testing.TestingKeys;
import io.tidemark.core.ConfigurationKeys;
import io.tidemark.spi.AuditStoreProvider;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** {@code META-INF/spring-configuration-metadata.json} lists every key the library and the integration know. */
class ConfigurationMetadataTest {

    private static final Pattern PROPERTY = Pattern.compile(
            "\\{\\s*\"name\": \"(tidemark\\.[^\"]+)\",\\s*\"type\": \"[^\"]+\",\\s*\"description\": \"([^\"]*)\"");

    @Test
    void everyKnownKeyIsDescribedForIdes() throws IOException {
        Map<String, String> described = described();
        Set<String> known = new TreeSet<>();
        ServiceLoader.load(ConfigurationKeys.class).forEach(keys -> known.addAll(keys.keys()));
        ServiceLoader.load(AuditStoreProvider.class).forEach(provider -> known.addAll(provider.keys()));
        known.removeAll(new TestingKeys().keys());

        assertThat(known)
                .contains(
                        "tidemark.enabled",
                        "tidemark.run-mode",
                        "tidemark.scan-packages",
                        "tidemark.chain",
                        "tidemark.mongodb.uri",
                        "tidemark.dynamodb.endpoint",
                        "tidemark.couchbase.bucket");
        assertThat(described.keySet()).containsAll(known);
        assertThat(described)
                .allSatisfy(
                        (key, description) -> assertThat(description).as(key).hasSizeGreaterThan(15));
    }

    @Test
    void defaultsAreGivenWhereTheLibraryHasOne() throws IOException {
        String json = metadata();
        assertThat(json)
                .containsPattern("\"name\": \"tidemark.chain\",[^}]*\"defaultValue\": \"default\"")
                .containsPattern("\"name\": \"tidemark.lock.timeout\",[^}]*\"defaultValue\": \"3m\"")
                .containsPattern("\"name\": \"tidemark.enabled\",[^}]*\"defaultValue\": true")
                .containsPattern("\"name\": \"tidemark.run-mode\",[^}]*\"defaultValue\": \"application-runner\"");
    }

    private static Map<String, String> described() throws IOException {
        Map<String, String> described = new LinkedHashMap<>();
        Matcher matcher = PROPERTY.matcher(metadata());
        while (matcher.find()) {
            described.put(matcher.group(1), matcher.group(2));
        }
        return described;
    }

    private static String metadata() throws IOException {
        try (InputStream in =
                ConfigurationMetadataTest.class.getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
            assertThat(in).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
