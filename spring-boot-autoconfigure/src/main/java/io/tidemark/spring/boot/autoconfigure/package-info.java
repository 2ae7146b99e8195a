/**
 * Spring Boot auto-configuration for Tidemark: {@link io.tidemark.spring.boot.autoconfigure.TidemarkAutoConfiguration}
 * (the {@code Tidemark} bean, its store, change units and run mode),
 * {@link io.tidemark.spring.boot.autoconfigure.TidemarkBuilderCustomizer} to adjust it in code, the
 * {@link io.tidemark.spring.boot.autoconfigure.RunMode run modes}, and
 * {@link io.tidemark.spring.boot.autoconfigure.TidemarkFailureAnalyzer}, which tells what to do when
 * Tidemark stops an application from starting.
 */
package io.tidemark.spring.boot.autoconfigure;
