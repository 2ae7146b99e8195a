package io.tidemark.core.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.tidemark.api.ChangeUnit;
import io.tidemark.api.Execution;
import io.tidemark.api.RollbackExecution;
import io.tidemark.core.Tidemark;
import io.tidemark.core.TidemarkConfig;
import io.tidemark.core.error.StoreUnavailableException;
import io.tidemark.core.memory.InMemoryAuditStore;
import io.tidemark.core.testing.CapturedLog;
import io.tidemark.core.testing.MutableClock;
import io.tidemark.spi.AuditState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A change (or its rollback) throws, and the store goes down before the record of that failure is
 * written: the run ends with the store's exception and the change stays {@code STARTED}, an issue an
 * operator must decide on. What the change threw is the one thing that tells the operator what
 * happened; it must not vanish with the record that could not be written.
 */
class UnrecordedFailureTest {

    /** The store the change units below break while they run. */
    static InMemoryAuditStore store;

    @ChangeUnit(id = "fails-as-the-store-goes-down", order = "1")
    public static final class FailsAsTheStoreGoesDown {
        @Execution
        public void apply() {
            store.setUnavailable(true);
            throw new IllegalStateException("column 'email' is missing");
        }
    }

    @ChangeUnit(id = "rollback-fails-as-the-store-goes-down", order = "1")
    public static final class RollbackFailsAsTheStoreGoesDown {
        @Execution
        public void apply() {
            throw new IllegalStateException("first failure");
        }

        @RollbackExecution
        public void undo() {
            store.setUnavailable(true);
            throw new IllegalArgumentException("rollback could not drop 'email_idx'");
        }
    }

    private final MutableClock clock = MutableClock.atFixedStart();

    @AfterEach
    void forgetStore() {
        store = null;
    }

    private Tidemark tidemark(Class<?> changeUnit) {
        store = new InMemoryAuditStore(clock);
        return Tidemark.builder()
                .auditStore(store)
                .configuration(TidemarkConfig.of())
                .changeUnits(changeUnit)
                .clock(clock)
                .build();
    }

    @Test
    void aChangesErrorIsKeptAndLoggedWhenItsFailedRecordCannotBeWritten() {
        Tidemark tidemark = tidemark(FailsAsTheStoreGoesDown.class);
        StoreUnavailableException outage;
        try (CapturedLog log = CapturedLog.start()) {
            outage = catchThrowableOfType(StoreUnavailableException.class, tidemark::run);

            assertThat(log.linesContaining("fails-as-the-store-goes-down"))
                    .as("a WARN line naming the change and what it threw")
                    .anySatisfy(line -> assertThat(line).contains("WARN").contains("column 'email' is missing"));
        }
        assertThat(outage.getSuppressed())
                .as("the change's own error, kept with the store's exception run() throws")
                .anySatisfy(suppressed -> assertThat(suppressed)
                        .isInstanceOf(IllegalStateException.class)
                        .hasMessage("column 'email' is missing"));
        store.setUnavailable(false);
        assertThat(store.history().readAll("default").map(r -> r.state()).toList())
                .containsExactly(AuditState.STARTED);
    }

    @Test
    void aRollbacksErrorIsKeptAndLoggedWhenItsRecordCannotBeWritten() {
        Tidemark tidemark = tidemark(RollbackFailsAsTheStoreGoesDown.class);
        StoreUnavailableException outage;
        try (CapturedLog log = CapturedLog.start()) {
            outage = catchThrowableOfType(StoreUnavailableException.class, tidemark::run);

            assertThat(log.linesContaining("rollback-fails-as-the-store-goes-down"))
                    .anySatisfy(line -> assertThat(line).contains("rollback could not drop 'email_idx'"));
        }
        assertThat(outage.getSuppressed())
                .anySatisfy(suppressed -> assertThat(suppressed)
                        .isInstanceOf(IllegalArgumentException.class)
                        .hasMessage("rollback could not drop 'email_idx'"));
        store.setUnavailable(false);
        assertThat(store.history().readAll("default").map(r -> r.state()).toList())
                .containsExactly(AuditState.STARTED, AuditState.FAILED);
    }
}
