/**
 * <b>Internals</b> (not exported; nothing outside {@code tidemark-audit-core} uses them): choosing the
 * {@link io.tidemark.spi.AuditStoreProvider} named by {@code tidemark.store}
 * ({@link io.tidemark.core.internal.config.StoreResolver}, which alone knows the artifact of each
 * store Tidemark ships), finding the keys no part of Tidemark reads
 * ({@link io.tidemark.core.internal.config.UnknownKeys} against
 * {@link io.tidemark.core.internal.config.KnownKeys}), and writing durations the way configuration
 * accepts them.
 */
package io.tidemark.core.internal.config;
