/**
 * <b>Internals</b> (not exported; nothing outside {@code tidemark-audit-core} uses them): the one rule
 * for text entering an audit record and the bound of each field
 * ({@link io.tidemark.core.internal.text.RecordText}), applied before anything is hashed or written.
 * A package of its own because the engine, loading, the hash chain and the operator all apply it.
 */
package io.tidemark.core.internal.text;
