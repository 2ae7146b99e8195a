/**
 * The exceptions Tidemark throws. One unchecked root, {@link io.tidemark.core.error.TidemarkException},
 * split into transient failures (retry may help) and non-transient ones (something must change).
 */
package io.tidemark.core.error;
