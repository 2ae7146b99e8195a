package io.tidemark.it.scenario;

import io.tidemark.it.backend.Backend;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.TestInstance;

/**
 * A scenario written once and run on several backends: a subclass says which
 * ({@link #backends()}): the servers the tests start themselves, or real servers in containers.
 * Parameterised tests take their backend from {@code @MethodSource("eachBackend")}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class BackendScenario {

    /** The backends to run on, servers started. */
    protected abstract List<Backend> backends();

    /** The source of parameterised tests. */
    protected final Stream<Backend> eachBackend() {
        return backends().stream();
    }
}
