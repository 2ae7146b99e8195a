/** The in-memory reference implementation of the ports, for the engine's tests and users' unit tests. */
package io.tidemark.tck.memory;
