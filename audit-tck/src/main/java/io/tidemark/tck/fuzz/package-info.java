/**
 * Concurrency fuzzers the TCK's suites share: threads racing for one sequence of a chain and for one
 * lock, started together. Test code of the TCK; it uses the adapter SPI only.
 */
package io.tidemark.tck.fuzz;
