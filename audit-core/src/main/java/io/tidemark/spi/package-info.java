/**
 * <b>Adapter SPI floor</b>: what an adapter implements and exchanges with the engine. The ports
 * {@link io.tidemark.spi.AuditStore} (append-only writer and the entry point of one backend),
 * {@link io.tidemark.spi.ExecutionHistory} (reader) and {@link io.tidemark.spi.LockService}
 * (distributed lease), the optional {@link io.tidemark.spi.TransactionSupport}, the
 * {@link io.tidemark.spi.AuditStoreProvider} found by {@link java.util.ServiceLoader}, and the
 * records they exchange ({@link io.tidemark.spi.AuditRecord}, {@link io.tidemark.spi.AppendResult},
 * {@link io.tidemark.spi.Lease}, {@link io.tidemark.spi.Diagnosis}). Their Javadoc is the contract
 * the TCK ({@code tidemark-audit-tck}) checks.
 *
 * <p>Tidemark has three floors, each in its own packages: the user API ({@code io.tidemark.api},
 * and the {@code io.tidemark.core} packages without {@code internal} in their name), this SPI
 * ({@code io.tidemark.spi} and {@code io.tidemark.spi.support}), and the internals
 * ({@code io.tidemark.core.internal.*}), which nothing outside {@code tidemark-audit-core} uses.
 */
package io.tidemark.spi;
