package io.tidemark.it;

import io.tidemark.it.backend.EmbeddedFixtures;
import io.tidemark.it.scenario.CrashScenario;
import io.tidemark.tck.BackendFixture;
import java.util.List;

/** {@link CrashScenario} on the servers the tests start themselves. */
class CrashMidChangeTest extends CrashScenario {

    @Override
    protected List<BackendFixture> backends() {
        return EmbeddedFixtures.all();
    }
}
