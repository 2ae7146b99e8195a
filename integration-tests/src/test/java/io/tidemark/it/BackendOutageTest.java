package io.tidemark.it;

import io.tidemark.it.backend.Backend;
import io.tidemark.it.backend.EmbeddedBackends;
import io.tidemark.it.scenario.OutageScenario;
import java.util.List;

/** {@link OutageScenario} on the servers the tests start themselves. */
class BackendOutageTest extends OutageScenario {

    @Override
    protected List<Backend> backends() {
        return EmbeddedBackends.all();
    }
}
