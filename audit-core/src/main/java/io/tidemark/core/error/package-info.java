/**
 * <b>User API floor</b>: the exceptions Tidemark throws. One unchecked root,
 * {@link io.tidemark.core.error.TidemarkException}, split into transient failures (retry may help,
 * {@link io.tidemark.core.error.TidemarkException#isTransient()} is true) and non-transient ones
 * (something must change first). Adapters throw them too: no backend exception leaves an adapter.
 */
package io.tidemark.core.error;
