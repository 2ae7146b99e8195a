/**
 * <b>Internals</b> (not exported; nothing outside {@code tidemark-audit-core} uses them): sealing
 * records into the hash chain ({@link io.tidemark.core.internal.chain.HashChain}) and verifying a
 * stored chain from the store ({@link io.tidemark.core.internal.chain.ChainVerifier}). The encoding
 * itself is public: {@link io.tidemark.core.chain.CanonicalEncoding}.
 */
package io.tidemark.core.internal.chain;
