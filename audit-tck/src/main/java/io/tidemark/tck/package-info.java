/**
 * The technology compatibility kit: the contract suites every adapter runs against its backend
 * ({@link io.tidemark.tck.AuditStoreContract}, {@link io.tidemark.tck.ExecutionHistoryContract},
 * {@link io.tidemark.tck.LockServiceContract}, {@link io.tidemark.tck.EngineContract},
 * {@link io.tidemark.tck.ChainVerificationContract}, {@link io.tidemark.tck.TransactionSupportContract},
 * {@link io.tidemark.tck.RequestCountContract}, all nested in {@link io.tidemark.tck.ContractSuites}),
 * each needing only a {@link io.tidemark.tck.BackendFixture}, plus the concurrency fuzzers they
 * share.
 *
 * <p>Test code: it uses only the user API and the adapter SPI of {@code tidemark-audit-core}, never
 * its internals.
 */
package io.tidemark.tck;
