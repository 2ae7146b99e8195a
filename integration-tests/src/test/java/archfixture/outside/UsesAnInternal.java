package archfixture.outside;

import archfixture.core.internal.Engine;

/** Breaks "nothing outside the core uses its internals": what a module reaching into the engine looks like. */
public class UsesAnInternal {
    Engine engine = new Engine();
}
