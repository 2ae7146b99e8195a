package io.tidemark.spring.boot.autoconfigure;

import io.tidemark.core.TidemarkBuilder;

/**
 * A bean that adjusts the auto-configured {@link TidemarkBuilder} before the {@code Tidemark} bean is
 * built: register a dependency that is no bean, add change-unit classes, set a clock or a lock
 * timeout in code. Customizers run in their {@code @Order}, after the auto-configuration applied the
 * properties, the store, the change units, the {@code TidemarkListener} beans and the dependency
 * resolver; settings made here win over properties, as settings made in code always do.
 */
@FunctionalInterface
public interface TidemarkBuilderCustomizer {

    /**
     * Adjusts the builder.
     *
     * @param builder the builder the {@code Tidemark} bean is built from
     */
    void customize(TidemarkBuilder builder);
}
