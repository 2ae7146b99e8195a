package io.tidemark.core.testing;

import io.tidemark.core.ConfigurationKeys;
import java.util.Set;

/**
 * The keys the core's tests read ({@code tidemark.test.*}, among them the one in the test
 * {@code tidemark.properties}), declared so that builds in these tests do not warn about them.
 */
public final class TestConfigurationKeys implements ConfigurationKeys {

    @Override
    public Set<String> keys() {
        return Set.of();
    }

    @Override
    public Set<String> prefixes() {
        return Set.of("tidemark.test.");
    }
}
