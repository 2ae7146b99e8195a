package archfixture.application;

import archfixture.core.internal.Engine;

/** Breaks "an application uses the published API only": a user's class reaching into the engine. */
public class UsesAnInternalOfTheCore {
    Engine engine = new Engine();
}
