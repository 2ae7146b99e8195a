/**
 * Sample change units the TCK's engine suite runs on every backend, and the target they record their
 * effects in. Published on their own (they use the change-unit API, {@code io.tidemark.api}, only) so that
 * audit-core's own tests run the same change units as the TCK.
 */
package io.tidemark.tck.changes;
