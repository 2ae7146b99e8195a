/**
 * <b>Internals</b> (not exported; nothing outside {@code tidemark-audit-core} uses them): turning
 * change-unit classes into a validated, ordered change set, reporting every problem at once
 * ({@link io.tidemark.core.internal.loading.ChangeSetLoader}), finding them on the class path, and
 * deciding where each parameter's value comes from.
 */
package io.tidemark.core.internal.loading;
