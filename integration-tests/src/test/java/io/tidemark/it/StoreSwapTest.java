package io.tidemark.it;

import io.tidemark.it.backend.EmbeddedFixtures;
import io.tidemark.it.scenario.StoreSwapScenario;
import io.tidemark.tck.BackendFixture;
import java.util.List;

/** {@link StoreSwapScenario} on the servers the tests start themselves. */
class StoreSwapTest extends StoreSwapScenario {

    @Override
    protected List<BackendFixture> backends() {
        return EmbeddedFixtures.all();
    }
}
