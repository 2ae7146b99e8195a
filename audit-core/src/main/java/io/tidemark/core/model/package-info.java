/** Values exchanged through the ports and returned to callers: records, states, results. */
package io.tidemark.core.model;
