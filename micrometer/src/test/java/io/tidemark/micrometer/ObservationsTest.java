package io.tidemark.micrometer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import io.tidemark.core.RunReport;
import io.tidemark.core.Tidemark;
import io.tidemark.core.TidemarkBuilder;
import io.tidemark.core.TidemarkConfig;
import io.tidemark.core.error.ChangeFailedException;
import io.tidemark.core.memory.InMemoryAuditStore;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The run and change observations, their keys, nesting and errors, through micrometer-observation-test. */
class ObservationsTest {

    private final TestClock clock = new TestClock();
    private final InMemoryAuditStore store = new InMemoryAuditStore(clock);
    private final Changes.Switches switches = new Changes.Switches(clock);
    private final TestObservationRegistry observations = TestObservationRegistry.create();

    private TidemarkBuilder tidemark(boolean changeIdTag, Class<?>... changes) {
        switches.observations = observations;
        return Tidemark.builder()
                .auditStore(store)
                .configuration(TidemarkConfig.of())
                .changeUnits(changes)
                .dependency(Changes.Switches.class, switches)
                .clock(clock)
                .sleeper(clock::advance)
                .listener(MicrometerTidemarkListener.builder(new SimpleMeterRegistry())
                        .observationRegistry(observations)
                        .changeIdTag(changeIdTag)
                        .build());
    }

    @Test
    void aRunIsOneObservationAndEachChangeAChildOfItWithBoundedKeys() {
        RunReport report =
                tidemark(false, Changes.One.class, Changes.Two.class).build().run();

        TestObservationRegistryAssert.assertThat(observations)
                .hasNumberOfObservationsWithNameEqualTo(MicrometerTidemarkListener.RUN_OBSERVATION, 1)
                .hasNumberOfObservationsWithNameEqualTo(MicrometerTidemarkListener.CHANGE_OBSERVATION, 2)
                .hasObservationWithNameEqualTo(MicrometerTidemarkListener.RUN_OBSERVATION)
                .that()
                .hasContextualNameEqualTo("tidemark run")
                .hasLowCardinalityKeyValue("chain", "default")
                .hasLowCardinalityKeyValue("store", "memory")
                .hasLowCardinalityKeyValue("outcome", "applied")
                .hasHighCardinalityKeyValue("execution.id", report.executionId())
                .doesNotHaveError()
                .doesNotHaveParentObservation()
                .hasEvent("tidemark.lock.acquired")
                .doesNotHaveEvent("tidemark.lock.waiting")
                .hasBeenStarted()
                .hasBeenStopped();
        TestObservationRegistryAssert.assertThat(observations)
                .forAllObservationsWithNameEqualTo(
                        MicrometerTidemarkListener.CHANGE_OBSERVATION,
                        change -> change.hasContextualNameEqualTo("tidemark change")
                                .hasLowCardinalityKeyValue("chain", "default")
                                .hasLowCardinalityKeyValue("store", "memory")
                                .hasLowCardinalityKeyValue("outcome", "applied")
                                .doesNotHaveLowCardinalityKeyValueWithKey("change.id")
                                .hasHighCardinalityKeyValueWithKey("change.id")
                                .hasHighCardinalityKeyValue("execution.id", report.executionId())
                                .doesNotHaveError()
                                .hasParentObservation());
        Observation.Context run =
                contexts(MicrometerTidemarkListener.RUN_OBSERVATION).get(0);
        assertThat(contexts(MicrometerTidemarkListener.CHANGE_OBSERVATION))
                .allSatisfy(change -> assertThat(change.getParentObservation().getContextView())
                        .isSameAs(run));
        assertThat(names())
                .containsExactly("tidemark.run", "tidemark.change", "user.work", "tidemark.change", "user.work");
        assertThat(contexts(MicrometerTidemarkListener.CHANGE_OBSERVATION))
                .extracting(c -> c.getHighCardinalityKeyValue("change.id").getValue())
                .containsExactly("one", "two");
    }

    @Test
    void whatAChangeUnitObservesNestsInItsChangesObservation() {
        tidemark(false, Changes.One.class, Changes.Two.class).build().run();

        List<Observation.Context> work = contexts("user.work");
        List<Observation.Context> changes = contexts(MicrometerTidemarkListener.CHANGE_OBSERVATION);
        assertThat(work).hasSize(2);
        for (int i = 0; i < work.size(); i++) {
            assertThat(work.get(i).getParentObservation()).isNotNull();
            assertThat(work.get(i).getParentObservation().getContextView()).isSameAs(changes.get(i));
        }
        assertThat(observations.getCurrentObservation())
                .as("every scope was closed")
                .isNull();
    }

    @Test
    void aFailedChangeAndItsRunCarryTheErrorAndTheirOutcome() {
        switches.failing.add("with-rollback");

        ChangeFailedException failure = catchThrowableOfType(
                ChangeFailedException.class,
                () -> tidemark(false, Changes.One.class, Changes.WithRollback.class, Changes.Three.class)
                        .build()
                        .run());

        TestObservationRegistryAssert.assertThat(observations)
                .hasNumberOfObservationsWithNameEqualTo(MicrometerTidemarkListener.CHANGE_OBSERVATION, 2)
                .hasObservationWithNameEqualTo(MicrometerTidemarkListener.RUN_OBSERVATION)
                .that()
                .hasLowCardinalityKeyValue("outcome", "change_failed")
                .hasError(failure)
                .hasBeenStopped();
        Observation.Context failed =
                contexts(MicrometerTidemarkListener.CHANGE_OBSERVATION).get(1);
        assertThat(failed.getHighCardinalityKeyValue("change.id").getValue()).isEqualTo("with-rollback");
        assertThat(failed.getLowCardinalityKeyValue("outcome").getValue()).isEqualTo("rolled_back");
        assertThat(failed.getError()).isSameAs(failure.getCause());
    }

    @Test
    void aChangeWithoutRollbackEndsFailed() {
        switches.failing.add("without-rollback");

        catchThrowableOfType(
                ChangeFailedException.class,
                () -> tidemark(false, Changes.WithoutRollback.class).build().run());

        TestObservationRegistryAssert.assertThat(observations)
                .hasObservationWithNameEqualTo(MicrometerTidemarkListener.CHANGE_OBSERVATION)
                .that()
                .hasLowCardinalityKeyValue("outcome", "failed")
                .hasError()
                .hasBeenStopped();
    }

    @Test
    void aChangeTheRunCouldNotFinishIsStoppedAsIncompleteWithTheRunsError() {
        switches.hooks.put("two", () -> store.setUnavailable(true));

        Exception outage = catchThrowableOfType(
                RuntimeException.class,
                () -> tidemark(false, Changes.One.class, Changes.Two.class)
                        .build()
                        .run());
        store.setUnavailable(false);

        Observation.Context incomplete =
                contexts(MicrometerTidemarkListener.CHANGE_OBSERVATION).get(1);
        assertThat(incomplete.getLowCardinalityKeyValue("outcome").getValue()).isEqualTo("incomplete");
        assertThat(incomplete.getError()).isSameAs(outage);
        TestObservationRegistryAssert.assertThat(observations)
                .hasObservationWithNameEqualTo(MicrometerTidemarkListener.RUN_OBSERVATION)
                .that()
                .hasLowCardinalityKeyValue("outcome", "store_unavailable")
                .hasError(outage)
                .hasBeenStopped();
        assertThat(observations.getCurrentObservation())
                .as("every scope was closed")
                .isNull();
    }

    @Test
    void aRunWithNothingToDoIsOneObservationWithoutChildren() {
        tidemark(false, Changes.One.class).build().run();
        observations.clear();

        tidemark(false, Changes.One.class).build().run();

        TestObservationRegistryAssert.assertThat(observations)
                .hasNumberOfObservationsEqualTo(1)
                .hasObservationWithNameEqualTo(MicrometerTidemarkListener.RUN_OBSERVATION)
                .that()
                .hasLowCardinalityKeyValue("outcome", "nothing_to_do")
                .doesNotHaveEvent("tidemark.lock.acquired")
                .hasBeenStopped();
    }

    @Test
    void aLockWaitIsAnEventOfTheRun() {
        store.lockService()
                .tryAcquire("default", "other-instance", Duration.ofSeconds(45))
                .orElseThrow();

        tidemark(false, Changes.One.class).build().run();

        TestObservationRegistryAssert.assertThat(observations)
                .hasObservationWithNameEqualTo(MicrometerTidemarkListener.RUN_OBSERVATION)
                .that()
                .hasEvent("tidemark.lock.waiting")
                .hasEvent("tidemark.lock.acquired")
                .hasLowCardinalityKeyValue("outcome", "applied");
    }

    @Test
    void theChangeIdBecomesALowCardinalityKeyOnlyWhenOptedIn() {
        tidemark(true, Changes.One.class).build().run();

        TestObservationRegistryAssert.assertThat(observations)
                .hasObservationWithNameEqualTo(MicrometerTidemarkListener.CHANGE_OBSERVATION)
                .that()
                .hasLowCardinalityKeyValue("change.id", "one")
                .doesNotHaveHighCardinalityKeyValueWithKey("change.id");
    }

    private List<Observation.Context> contexts(String name) {
        return handled().stream().filter(c -> c.getName().equals(name)).toList();
    }

    private List<String> names() {
        return handled().stream().map(Observation.Context::getName).toList();
    }

    private List<Observation.Context> handled() {
        List<Observation.Context> all = new java.util.ArrayList<>();
        TestObservationRegistryAssert.assertThat(observations).hasHandledContextsThatSatisfy(all::addAll);
        return all;
    }
}
