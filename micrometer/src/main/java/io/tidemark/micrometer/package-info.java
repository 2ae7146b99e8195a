/**
 * Tidemark's runs as Micrometer meters and observations:
 * {@link io.tidemark.micrometer.MicrometerTidemarkListener}, a
 * {@link io.tidemark.core.event.TidemarkListener} to register with
 * {@link io.tidemark.core.TidemarkBuilder#listener}.
 */
package io.tidemark.micrometer;
