package archfixture.application;

import archfixture.adapter.alpha.testing.AlphaTestServer;

/** Breaks "an application uses the published API only": a user's test starting a fixture of Tidemark's own tests. */
public class UsesATestFixture {
    AlphaTestServer server = new AlphaTestServer();
}
