package io.tidemark.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import io.tidemark.core.RunReport;
import io.tidemark.core.Tidemark;
import io.tidemark.core.TidemarkConfig;
import io.tidemark.core.memory.InMemoryAuditStore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** One listener serving two Tidemark instances whose runs overlap on two threads keeps each run's state apart. */
class ConcurrentRunsTest {

    @Test
    void overlappingRunsOfTwoChainsAreRecordedSeparately() throws Exception {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        TestObservationRegistry observations = TestObservationRegistry.create();
        MicrometerTidemarkListener listener = MicrometerTidemarkListener.builder(meters)
                .observationRegistry(observations)
                .build();
        // Both runs are inside their change "two" at the same moment: each waits there for the other.
        CyclicBarrier bothInsideAChange = new CyclicBarrier(2);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            List<Future<RunReport>> runs = new ArrayList<>();
            for (String chain : List.of("orders", "billing")) {
                TestClock clock = new TestClock();
                Changes.Switches switches = new Changes.Switches(clock);
                switches.hooks.put("two", () -> {
                    try {
                        bothInsideAChange.await(30, TimeUnit.SECONDS);
                    } catch (Exception e) {
                        throw new IllegalStateException("the other run never reached its change", e);
                    }
                });
                Tidemark tidemark = Tidemark.builder()
                        .auditStore(new InMemoryAuditStore(clock))
                        .configuration(TidemarkConfig.of())
                        .chain(chain)
                        .changeUnits(Changes.One.class, Changes.Two.class, Changes.Three.class)
                        .dependency(Changes.Switches.class, switches)
                        .clock(clock)
                        .listener(listener)
                        .build();
                runs.add(threads.submit(tidemark::run));
            }
            for (Future<RunReport> run : runs) {
                assertThat(run.get(60, TimeUnit.SECONDS).applied()).hasSize(3);
            }
        } finally {
            threads.shutdownNow();
        }

        for (String chain : List.of("orders", "billing")) {
            assertThat(meters.get(MicrometerTidemarkListener.CHANGES)
                            .tag("chain", chain)
                            .tag("outcome", "applied")
                            .counter()
                            .count())
                    .isEqualTo(3);
            assertThat(meters.get(MicrometerTidemarkListener.RUNS)
                            .tag("chain", chain)
                            .tag("outcome", "applied")
                            .counter()
                            .count())
                    .isEqualTo(1);
        }
        List<Observation.Context> handled = new ArrayList<>();
        TestObservationRegistryAssert.assertThat(observations)
                .hasNumberOfObservationsWithNameEqualTo(MicrometerTidemarkListener.CHANGE_OBSERVATION, 6)
                .hasHandledContextsThatSatisfy(handled::addAll);
        for (Observation.Context change : handled) {
            if (change.getName().equals(MicrometerTidemarkListener.CHANGE_OBSERVATION)) {
                Observation.ContextView run = change.getParentObservation().getContextView();
                assertThat(run.getName()).isEqualTo(MicrometerTidemarkListener.RUN_OBSERVATION);
                assertThat(run.getLowCardinalityKeyValue("chain").getValue())
                        .isEqualTo(change.getLowCardinalityKeyValue("chain").getValue());
                assertThat(run.getHighCardinalityKeyValue("execution.id").getValue())
                        .isEqualTo(change.getHighCardinalityKeyValue("execution.id")
                                .getValue());
            }
        }
    }
}
