/**
 * Configuration: values from system properties, environment and {@code tidemark.properties}, the
 * {@link io.tidemark.core.config.AuditStoreProvider} SPI and the choice of store by name.
 */
package io.tidemark.core.config;
