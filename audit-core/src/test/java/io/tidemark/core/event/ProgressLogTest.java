package io.tidemark.core.event;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.core.Tidemark;
import io.tidemark.core.TidemarkConfig;
import io.tidemark.core.memory.InMemoryAuditStore;
import io.tidemark.core.testing.CapturedLog;
import io.tidemark.core.testing.MutableClock;
import io.tidemark.tck.changes.ChangeTarget;
import io.tidemark.tck.changes.SampleChanges;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What a person watching the log sees: one INFO line per applied change, and a lock wait reported when
 * it starts and then every 30 s of the injected clock, never once per poll.
 */
class ProgressLogTest {

    private final MutableClock clock = MutableClock.atFixedStart();
    private final InMemoryAuditStore store = new InMemoryAuditStore(clock);
    private final ChangeTarget target = new ChangeTarget();
    private int polls;

    private Tidemark tidemark() {
        return Tidemark.builder()
                .auditStore(store)
                .configuration(TidemarkConfig.of())
                .changeUnits(SampleChanges.BASIC.toArray(Class<?>[]::new))
                .dependency(ChangeTarget.class, target)
                .clock(clock)
                .sleeper(pause -> {
                    polls++;
                    clock.advance(pause);
                })
                .build();
    }

    @Test
    void eachAppliedChangeLogsOneInfoLineWithItsPlaceAndDuration() {
        target.onExecute("add-email-index", () -> clock.advance(Duration.ofMillis(120)));

        List<String> lines;
        try (CapturedLog log = CapturedLog.start()) {
            tidemark().run();
            lines = log.linesContaining("Applied change '");
        }

        assertThat(lines).hasSize(4);
        assertThat(lines).allSatisfy(line -> assertThat(line).contains(" INFO "));
        assertThat(lines.get(0)).endsWith("Applied change 'create-accounts' (1 of 4) in 0 ms");
        assertThat(lines.get(1)).endsWith("Applied change 'seed-accounts' (2 of 4) in 0 ms");
        assertThat(lines.get(2)).endsWith("Applied change 'add-email-index' (3 of 4) in 120 ms");
        assertThat(lines.get(3)).endsWith("Applied change 'backfill-emails' (4 of 4) in 0 ms");
    }

    @Test
    void aLongLockWaitIsLoggedWhenItStartsThenEveryThirtySecondsNotOncePerPoll() {
        store.lockService()
                .tryAcquire("default", "instance-b/run-1", Duration.ofSeconds(100))
                .orElseThrow();

        List<String> waiting;
        List<String> still;
        List<String> took;
        try (CapturedLog log = CapturedLog.start()) {
            tidemark().run();
            waiting = log.linesContaining("Waiting for lock 'default'");
            still = log.linesContaining("Still waiting for lock 'default'");
            took = log.linesContaining("Took lock 'default'");
        }

        assertThat(polls).as("the waiter polled hundreds of times").isGreaterThan(400);
        assertThat(waiting)
                .singleElement()
                .satisfies(line -> assertThat(line)
                        .contains(" INFO ")
                        .contains("held by 'instance-b/run-1' until 2026-03-01T09:01:40Z")
                        .contains("up to 180 s"));
        assertThat(still).hasSize(3);
        assertThat(still.get(0))
                .contains("after 30 s")
                .contains("held by 'instance-b/run-1' until 2026-03-01T09:01:40Z")
                .contains("giving up at 2026-03-01T09:03:00Z");
        assertThat(still.get(1)).contains("after 60 s");
        assertThat(still.get(2)).contains("after 90 s");
        assertThat(took).singleElement().satisfies(line -> assertThat(line).contains("after waiting 100"));
    }

    @Test
    void aShortLockWaitIsLoggedOnceAndWhenItEnds() {
        store.lockService()
                .tryAcquire("default", "instance-b/run-1", Duration.ofSeconds(5))
                .orElseThrow();

        List<String> lockLines;
        try (CapturedLog log = CapturedLog.start()) {
            tidemark().run();
            lockLines = log.linesContaining("lock 'default'");
        }

        assertThat(lockLines).hasSize(2);
        assertThat(lockLines.get(0)).contains("Waiting for lock 'default': held by 'instance-b/run-1'");
        assertThat(lockLines.get(1)).contains("Took lock 'default' after waiting 5");
    }
}
