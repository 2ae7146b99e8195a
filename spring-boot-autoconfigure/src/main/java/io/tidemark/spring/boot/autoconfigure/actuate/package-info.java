/**
 * Tidemark in Spring Boot Actuator: the read-only {@code /actuator/tidemark} endpoint
 * ({@link io.tidemark.spring.boot.autoconfigure.actuate.TidemarkEndpoint}, answering a
 * {@link io.tidemark.spring.boot.autoconfigure.actuate.TidemarkReport}) and the {@code tidemark} health
 * indicator ({@link io.tidemark.spring.boot.autoconfigure.actuate.TidemarkHealthIndicator}).
 */
package io.tidemark.spring.boot.autoconfigure.actuate;
