package archfixture.core;

import archfixture.core.internal.Engine;

/** The core's user API using its own internals: allowed, so the internals rule must not report it. */
public class StaysInside {
    Engine engine = new Engine();
}
