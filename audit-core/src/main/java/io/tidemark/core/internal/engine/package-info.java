/**
 * <b>Internals</b> (not exported; nothing outside {@code tidemark-audit-core} uses them): the engine.
 * {@link io.tidemark.core.internal.engine.ChangeEngine} plans by the decision table
 * ({@link io.tidemark.core.internal.engine.Decision}) over what it knows of the chain
 * ({@link io.tidemark.core.internal.engine.ChainState}), runs each change as a
 * {@link io.tidemark.core.internal.engine.ChangeAttempt}, and appends every record through the one
 * writer, {@link io.tidemark.core.internal.engine.ChainWriter}, from drafts built in one place,
 * {@link io.tidemark.core.internal.engine.RecordDrafts}.
 */
package io.tidemark.core.internal.engine;
