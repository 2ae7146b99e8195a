/**
 * The engine: change-unit loading and validation, ordering, planning by the decision table, and the
 * run that appends to the chain under the lock.
 */
package io.tidemark.core.engine;
