package io.tidemark.core.event;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.api.ChangeUnit;
import io.tidemark.api.Execution;
import io.tidemark.core.Tidemark;
import io.tidemark.core.TidemarkConfig;
import io.tidemark.core.memory.InMemoryAuditStore;
import io.tidemark.core.memory.InMemoryTransaction;
import io.tidemark.core.testing.RecordingListener;
import io.tidemark.spi.AuditRecord;
import io.tidemark.spi.AuditState;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * {@code ChangeApplied.duration()} is documented as the duration the change's {@code APPLIED} record
 * holds (and {@code tidemark.change.duration} relies on it). On a clock that moves while the engine
 * works, as every real clock does (a write to the store takes time), the two must still be equal.
 */
class RecordedDurationTest {

    /** A clock that moves 7 ms every time it is read: time passes while the engine works. */
    static final class TickingClock extends Clock {
        private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-03-01T09:00:00Z"));

        @Override
        public Instant instant() {
            return now.getAndUpdate(instant -> instant.plusMillis(7));
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    @ChangeUnit(id = "plain", order = "1")
    public static final class Plain {
        @Execution
        public void apply() {}
    }

    @ChangeUnit(id = "in-transaction", order = "2")
    public static final class InTransaction {
        @Execution
        public void apply(InMemoryTransaction transaction) {
            transaction.stage(() -> {});
        }
    }

    @Test
    void aChangeAppliedEventCarriesExactlyTheDurationItsAppliedRecordHolds() {
        TickingClock clock = new TickingClock();
        InMemoryAuditStore store = new InMemoryAuditStore(clock);
        RecordingListener listener = new RecordingListener();

        Tidemark.builder()
                .auditStore(store)
                .configuration(TidemarkConfig.of())
                .changeUnits(Plain.class, InTransaction.class)
                .clock(clock)
                .listener(listener)
                .build()
                .run();

        assertThat(listener.ofType(ChangeApplied.class)).hasSize(2).allSatisfy(applied -> {
            AuditRecord record = store.history()
                    .readAll("default")
                    .filter(r -> r.changeId().equals(applied.changeId()) && r.state() == AuditState.APPLIED)
                    .findFirst()
                    .orElseThrow();
            assertThat(applied.duration())
                    .as("duration of %s's event vs its APPLIED record", applied.changeId())
                    .isEqualTo(Duration.ofMillis(record.durationMillis()));
        });
    }
}
