package io.tidemark.it;

import io.tidemark.it.backend.Backend;
import io.tidemark.it.backend.EmbeddedBackends;
import io.tidemark.it.scenario.OneChangeSetScenario;
import java.util.List;

/** {@link OneChangeSetScenario} on the servers the tests start themselves. */
class OneChangeSetAcrossStoresTest extends OneChangeSetScenario {

    @Override
    protected List<Backend> backends() {
        return EmbeddedBackends.all();
    }
}
