package io.tidemark.micrometer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tidemark.core.Tidemark;
import io.tidemark.core.TidemarkConfig;
import io.tidemark.core.error.ChangeFailedException;
import io.tidemark.core.memory.InMemoryAuditStore;
import org.junit.jupiter.api.Test;

/**
 * A registry can lose its meters while the application lives: {@code MeterRegistry.clear()} (common
 * between tests sharing one registry) or {@code remove(meter)}. Counters and timers come back with the
 * next run that records them; the {@code tidemark.issues} gauge must come back too, showing the next
 * run's count, or alerts on it never fire again.
 */
class IssuesGaugeAfterRemovalTest {

    private final TestClock clock = new TestClock();
    private final InMemoryAuditStore store = new InMemoryAuditStore(clock);
    private final Changes.Switches switches = new Changes.Switches(clock);
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    private Tidemark tidemark(Class<?>... changes) {
        return Tidemark.builder()
                .auditStore(store)
                .configuration(TidemarkConfig.of())
                .changeUnits(changes)
                .dependency(Changes.Switches.class, switches)
                .clock(clock)
                .sleeper(clock::advance)
                .listener(MicrometerTidemarkListener.builder(registry).build())
                .build();
    }

    @Test
    void theIssuesGaugeIsRegisteredAgainByTheNextRunAfterTheRegistryWasCleared() {
        tidemark(Changes.One.class).run();
        assertThat(registry.get(MicrometerTidemarkListener.ISSUES).gauge().value())
                .isZero();

        registry.clear();
        switches.failing.add("two"); // no rollback: its failure is an issue
        catchThrowableOfType(
                ChangeFailedException.class,
                () -> tidemark(Changes.One.class, Changes.Two.class).run());

        Gauge gauge = registry.find(MicrometerTidemarkListener.ISSUES).gauge();
        assertThat(gauge).as("the issues gauge after a run that left an issue").isNotNull();
        assertThat(gauge.value()).isEqualTo(1);
    }
}
