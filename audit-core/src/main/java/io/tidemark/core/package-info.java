/**
 * <b>User API floor</b>: what applications call. {@link io.tidemark.core.Tidemark}, built and
 * validated by {@link io.tidemark.core.TidemarkBuilder}, runs the change units and returns a
 * {@link io.tidemark.core.RunReport}; {@link io.tidemark.core.TidemarkConfig} reads configuration
 * from system properties, the environment and {@code tidemark.properties}.
 *
 * <p>Tidemark has three floors, and a package's name says which it belongs to:
 * <ul>
 *   <li>the user API: {@code io.tidemark.api} (what change units compile against) and every
 *       {@code io.tidemark.core} package without {@code internal} in its name: this one,
 *       {@code .operator}, {@code .chain}, {@code .error}, {@code .event} and {@code .memory};</li>
 *   <li>the adapter SPI: {@code io.tidemark.spi} and {@code io.tidemark.spi.support}, what adapter
 *       writers implement and use;</li>
 *   <li>the internals: {@code io.tidemark.core.internal.*}, used by nothing outside
 *       {@code tidemark-audit-core} (its module descriptor does not export them, and an ArchUnit rule
 *       checks every other module).</li>
 * </ul>
 */
package io.tidemark.core;
