/**
 * The technology compatibility kit: contract suites every adapter extends
 * ({@link io.tidemark.tck.AuditStoreContract}, {@link io.tidemark.tck.ExecutionHistoryContract},
 * {@link io.tidemark.tck.LockServiceContract}, {@link io.tidemark.tck.EngineContract},
 * {@link io.tidemark.tck.ChainVerificationContract}), each needing only a store factory, plus the
 * concurrency fuzzers they share.
 */
package io.tidemark.tck;
