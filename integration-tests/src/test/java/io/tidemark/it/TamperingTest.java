package io.tidemark.it;

import io.tidemark.it.backend.EmbeddedFixtures;
import io.tidemark.it.scenario.TamperingScenario;
import io.tidemark.tck.BackendFixture;
import java.util.List;

/** {@link TamperingScenario} on the servers the tests start themselves. */
class TamperingTest extends TamperingScenario {

    @Override
    protected List<BackendFixture> backends() {
        return EmbeddedFixtures.all();
    }
}
