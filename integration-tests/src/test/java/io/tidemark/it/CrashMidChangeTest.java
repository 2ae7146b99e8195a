package io.tidemark.it;

import io.tidemark.it.backend.Backend;
import io.tidemark.it.backend.EmbeddedBackends;
import io.tidemark.it.scenario.CrashScenario;
import java.util.List;

/** {@link CrashScenario} on the servers the tests start themselves. */
class CrashMidChangeTest extends CrashScenario {

    @Override
    protected List<Backend> backends() {
        return EmbeddedBackends.all();
    }
}
