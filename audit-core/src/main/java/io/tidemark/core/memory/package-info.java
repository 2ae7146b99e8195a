/**
 * <b>User API floor</b>: the in-memory reference store ({@link io.tidemark.core.memory.InMemoryAuditStore})
 * and its transaction handle, for the engine's tests and users' unit tests of their change units.
 * It passes every TCK suite; everything it holds is lost with the process.
 */
package io.tidemark.core.memory;
