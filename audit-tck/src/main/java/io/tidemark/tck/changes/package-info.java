/**
 * Sample change units the TCK's engine suite runs on every backend, and the target they record their
 * effects in. Test code of the TCK; it uses the change-unit API ({@code io.tidemark.api}) only.
 */
package io.tidemark.tck.changes;
