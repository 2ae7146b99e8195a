/**
 * <b>User API floor</b>: the operator API ({@link io.tidemark.core.operator.OperatorApi}) for
 * inspecting and repairing one audit chain: history, issues, manual resolutions, verification,
 * import and the lock, with the values it returns and takes.
 */
package io.tidemark.core.operator;
