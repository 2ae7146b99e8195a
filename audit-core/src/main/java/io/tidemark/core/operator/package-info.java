/** The operator API: history, issues, manual resolutions, verification and lock inspection. */
package io.tidemark.core.operator;
