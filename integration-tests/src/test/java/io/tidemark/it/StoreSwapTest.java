package io.tidemark.it;

import io.tidemark.it.backend.Backend;
import io.tidemark.it.backend.EmbeddedBackends;
import io.tidemark.it.scenario.StoreSwapScenario;
import java.util.List;

/** {@link StoreSwapScenario} on the servers the tests start themselves. */
class StoreSwapTest extends StoreSwapScenario {

    @Override
    protected List<Backend> backends() {
        return EmbeddedBackends.all();
    }
}
