/**
 * <b>Adapter SPI floor</b>: helpers that adapters share, so that each is written once: paging into a
 * lazy stream ({@link io.tidemark.spi.support.RecordPages}), keeping secrets out of messages
 * ({@link io.tidemark.spi.support.Secrets}), and reporting every configuration problem at once
 * ({@link io.tidemark.spi.support.ConfigurationProblems}). Public and stable for adapter writers;
 * applications do not need it.
 */
package io.tidemark.spi.support;
