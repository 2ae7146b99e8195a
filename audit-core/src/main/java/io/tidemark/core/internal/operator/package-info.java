/**
 * <b>Internals</b> (not exported; nothing outside {@code tidemark-audit-core} uses them): the
 * implementation of {@link io.tidemark.core.operator.OperatorApi}: marking changes under the lock,
 * importing a chain, and examining a store.
 */
package io.tidemark.core.internal.operator;
