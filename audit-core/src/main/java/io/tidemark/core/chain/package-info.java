/**
 * <b>User API floor</b>: the hash chain as users and tools see it. The canonical encoding every hash
 * is computed over ({@link io.tidemark.core.chain.CanonicalEncoding}, specified precisely enough to
 * recompute a hash with any tool), the outcome of verifying a chain
 * ({@link io.tidemark.core.chain.VerificationResult}, {@link io.tidemark.core.chain.ChainBreak}), and
 * verification one record at a time ({@link io.tidemark.core.chain.VerificationCursor}).
 */
package io.tidemark.core.chain;
