package io.tidemark.it;

import io.tidemark.it.backend.EmbeddedFixtures;
import io.tidemark.it.scenario.OneChangeSetScenario;
import io.tidemark.tck.BackendFixture;
import java.util.List;

/** {@link OneChangeSetScenario} on the servers the tests start themselves. */
class OneChangeSetAcrossStoresTest extends OneChangeSetScenario {

    @Override
    protected List<BackendFixture> backends() {
        return EmbeddedFixtures.all();
    }
}
