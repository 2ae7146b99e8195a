package io.tidemark.test;

import io.tidemark.spi.AuditStore;
import java.util.Objects;

/**
 * One audit chain in one store, to assert on with {@link TidemarkAssertions#assertThat(AuditChain)};
 * made by {@link TidemarkAssertions#chain(AuditStore)} and its siblings.
 *
 * @param store the store holding the chain
 * @param name  the chain's name ({@code default} unless the application sets {@code tidemark.chain})
 */
public record AuditChain(AuditStore store, String name) {

    /**
     * Requires both components.
     *
     * @param store the store holding the chain
     * @param name  the chain's name ({@code default} unless the application sets {@code tidemark.chain})
     * @throws NullPointerException when a component is null
     */
    public AuditChain {
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(name, "name");
    }

    @Override
    public String toString() {
        return "chain '" + name + "' in " + store.describe();
    }
}
