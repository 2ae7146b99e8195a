package io.tidemark.it;

import io.tidemark.it.backend.Backend;
import io.tidemark.it.backend.EmbeddedBackends;
import io.tidemark.it.scenario.TamperingScenario;
import java.util.List;

/** {@link TamperingScenario} on the servers the tests start themselves. */
class TamperingTest extends TamperingScenario {

    @Override
    protected List<Backend> backends() {
        return EmbeddedBackends.all();
    }
}
