package io.tidemark.it;

import io.tidemark.it.backend.EmbeddedFixtures;
import io.tidemark.it.scenario.ProcessRaceScenario;
import io.tidemark.tck.BackendFixture;
import java.util.List;

/** {@link ProcessRaceScenario} on the servers the tests start themselves. */
class ProcessRaceTest extends ProcessRaceScenario {

    @Override
    protected List<BackendFixture> backends() {
        return EmbeddedFixtures.all();
    }
}
