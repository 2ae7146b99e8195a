/**
 * <b>User API floor</b>: what a change-unit author compiles against: {@link io.tidemark.api.ChangeUnit},
 * {@link io.tidemark.api.Execution}, {@link io.tidemark.api.RollbackExecution},
 * {@link io.tidemark.api.Recovery} and {@link io.tidemark.api.ChangeContext}.
 *
 * <p>This package depends on nothing but {@code java.base}, so that code holding change units
 * never pulls a database SDK or the engine onto its compile class path.
 */
package io.tidemark.api;
