package io.tidemark.micrometer;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.tidemark.api.ChangeContext;
import io.tidemark.api.ChangeUnit;
import io.tidemark.api.Execution;
import io.tidemark.api.RollbackExecution;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** The change units these tests run, and the switches that make them fail, take time or observe. */
final class Changes {

    private Changes() {}

    /** Registered with each Tidemark as a dependency: what the changes do, set by the test. */
    static final class Switches {
        final TestClock clock;
        final Set<String> failing = ConcurrentHashMap.newKeySet();
        final Map<String, Duration> takes = new ConcurrentHashMap<>();
        final Map<String, Runnable> hooks = new ConcurrentHashMap<>();
        ObservationRegistry observations = ObservationRegistry.NOOP;

        Switches(TestClock clock) {
            this.clock = clock;
        }

        void run(ChangeContext context) {
            String id = context.changeId();
            clock.advance(takes.getOrDefault(id, Duration.ZERO));
            hooks.getOrDefault(id, () -> {}).run();
            Observation.createNotStarted("user.work", observations).observe(() -> {});
            if (failing.contains(id)) {
                throw new IllegalStateException("simulated failure of " + id);
            }
        }
    }

    @ChangeUnit(id = "one", order = "1")
    public static final class One {
        @Execution
        public void apply(Switches switches, ChangeContext context) {
            switches.run(context);
        }
    }

    @ChangeUnit(id = "two", order = "2")
    public static final class Two {
        @Execution
        public void apply(Switches switches, ChangeContext context) {
            switches.run(context);
        }
    }

    @ChangeUnit(id = "with-rollback", order = "3")
    public static final class WithRollback {
        @Execution
        public void apply(Switches switches, ChangeContext context) {
            switches.run(context);
        }

        @RollbackExecution
        public void undo() {}
    }

    @ChangeUnit(id = "three", order = "4")
    public static final class Three {
        @Execution
        public void apply(Switches switches, ChangeContext context) {
            switches.run(context);
        }
    }

    @ChangeUnit(id = "without-rollback", order = "5")
    public static final class WithoutRollback {
        @Execution
        public void apply(Switches switches, ChangeContext context) {
            switches.run(context);
        }
    }
}
