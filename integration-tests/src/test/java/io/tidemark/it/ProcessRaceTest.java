package io.tidemark.it;

import io.tidemark.it.backend.Backend;
import io.tidemark.it.backend.EmbeddedBackends;
import io.tidemark.it.scenario.ProcessRaceScenario;
import java.util.List;

/** {@link ProcessRaceScenario} on the servers the tests start themselves. */
class ProcessRaceTest extends ProcessRaceScenario {

    @Override
    protected List<Backend> backends() {
        return EmbeddedBackends.all();
    }
}
