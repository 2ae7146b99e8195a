package io.tidemark.it.scenario;

import io.tidemark.tck.BackendFixture;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.TestInstance;

/**
 * A scenario written once and run on several backends, each reached through its adapter's
 * {@link BackendFixture}: a subclass says which ({@link #backends()}): the servers the tests start
 * themselves, or real servers in containers. Parameterised tests take their fixture from
 * {@code @MethodSource("eachBackend")}, named by its store name, and say
 * {@code autoCloseArguments = false}: a fixture is {@link AutoCloseable}, and JUnit would otherwise
 * close it (its clients, even its server) after the first test that received it, while the fixtures
 * serve every test of the JVM.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class BackendScenario {

    /** The fixtures of the backends to run on, servers started. */
    protected abstract List<BackendFixture> backends();

    /** The source of parameterised tests: each fixture, named {@code dynamodb}, {@code mongodb}, .... */
    protected final Stream<Named<BackendFixture>> eachBackend() {
        return backends().stream().map(fixture -> Named.of(fixture.storeName(), fixture));
    }
}
