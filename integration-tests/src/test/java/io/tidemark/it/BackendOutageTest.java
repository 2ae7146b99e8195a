package io.tidemark.it;

import io.tidemark.it.backend.EmbeddedFixtures;
import io.tidemark.it.scenario.OutageScenario;
import io.tidemark.tck.BackendFixture;
import java.util.List;

/** {@link OutageScenario} on the servers the tests start themselves. */
class BackendOutageTest extends OutageScenario {

    @Override
    protected List<BackendFixture> backends() {
        return EmbeddedFixtures.all();
    }
}
