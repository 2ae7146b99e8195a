package io.tidemark.test;

import io.tidemark.api.ChangeContext;
import io.tidemark.api.ChangeUnit;
import io.tidemark.api.Execution;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

/** Launching fixture test classes, and a change unit for them to run. */
final class Fixtures {

    private Fixtures() {}

    /** Runs {@code fixture} through the Jupiter engine, sequentially or in parallel. */
    static EngineExecutionResults launch(Class<?> fixture, boolean parallel) {
        EngineTestKit.Builder kit = EngineTestKit.engine("junit-jupiter")
                .selectors(org.junit.platform.engine.discovery.DiscoverySelectors.selectClass(fixture))
                .configurationParameter(FixtureGate.PARAMETER, "true");
        if (parallel) {
            kit = kit.configurationParameter("junit.jupiter.execution.parallel.enabled", "true")
                    .configurationParameter("junit.jupiter.execution.parallel.mode.default", "concurrent")
                    .configurationParameter("junit.jupiter.execution.parallel.mode.classes.default", "concurrent")
                    .configurationParameter("junit.jupiter.execution.parallel.config.strategy", "fixed")
                    .configurationParameter("junit.jupiter.execution.parallel.config.fixed.parallelism", "4");
        }
        return kit.execute();
    }

    /** The messages of every failed test in {@code results}. */
    static List<String> failureMessages(EngineExecutionResults results) {
        List<String> messages = new CopyOnWriteArrayList<>();
        results.allEvents().failed().stream()
                .forEach(event -> event.getPayload(org.junit.platform.engine.TestExecutionResult.class)
                        .flatMap(org.junit.platform.engine.TestExecutionResult::getThrowable)
                        .ifPresent(error -> messages.add(error.getClass().getName() + ": " + error.getMessage())));
        return messages;
    }

    /** Counts how often it was applied. */
    static final class Counter {
        final AtomicInteger applied = new AtomicInteger();
    }

    @ChangeUnit(id = "count", order = "1", author = "kit")
    public static final class Count {
        @Execution
        public void apply(Counter counter, ChangeContext context) {
            context.putMetadata("applied", Integer.toString(counter.applied.incrementAndGet()));
        }
    }
}
