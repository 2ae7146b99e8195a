package io.tidemark.core.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.tidemark.api.ChangeUnit;
import io.tidemark.api.Execution;
import io.tidemark.api.Recovery;
import io.tidemark.api.RollbackExecution;
import io.tidemark.core.ChangeOutcome;
import io.tidemark.core.ChangeResult;
import io.tidemark.core.Tidemark;
import io.tidemark.core.TidemarkBuilder;
import io.tidemark.core.TidemarkConfig;
import io.tidemark.core.error.ChangeFailedException;
import io.tidemark.core.memory.InMemoryAuditStore;
import io.tidemark.core.testing.MutableClock;
import io.tidemark.spi.AuditRecord;
import io.tidemark.spi.AuditState;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A change unit whose class cannot be initialised (its static initialiser throws, or an optional
 * dependency is missing) fails like any other change: recorded {@code FAILED}, its rollback attempted,
 * the error wrapped in {@link ChangeFailedException}; never a raw error out of {@code run()}.
 */
class ChangeUnitLinkageErrorTest {

    private final MutableClock clock = MutableClock.atFixedStart();
    private final InMemoryAuditStore store = new InMemoryAuditStore(clock);

    private TidemarkBuilder engine(Class<?>... changeUnits) {
        return Tidemark.builder()
                .auditStore(store)
                .configuration(TidemarkConfig.of())
                .changeUnits(changeUnits)
                .clock(clock)
                .sleeper(clock::advance);
    }

    private List<AuditRecord> history() {
        return store.history().readAll("default").toList();
    }

    /** Throws from its static initialiser the first time it is instantiated (used by one test only). */
    @ChangeUnit(id = "broken-static-init", order = "1")
    public static final class BrokenStaticInit {
        static final String SETTING = Settings.require("orders.region");

        @Execution
        public void apply() {}

        @RollbackExecution
        public void undo() {}
    }

    /** The same defect in another class, so that each test sees its class fail to initialise first. */
    @ChangeUnit(id = "broken-static-init-retried", order = "1", recovery = Recovery.RETRY)
    public static final class BrokenStaticInitRetried {
        static final String SETTING = Settings.require("billing.region");

        @Execution
        public void apply() {}

        @RollbackExecution
        public void undo() {}
    }

    /** Stands for configuration a change unit reads while its class initialises. */
    static final class Settings {
        static String require(String name) {
            throw new IllegalStateException("setting '" + name + "' is missing");
        }
    }

    /** Runs after the broken one; must not be reached. */
    @ChangeUnit(id = "after-broken", order = "2")
    public static final class AfterBroken {
        @Execution
        public void apply() {}
    }

    @Test
    void aStaticInitializerThatThrowsIsRecordedAsFailedAndRolledBack() {
        ChangeFailedException failure = catchThrowableOfType(
                ChangeFailedException.class,
                () -> engine(BrokenStaticInit.class, AfterBroken.class).build().run());

        assertThat(failure)
                .as("run() throws ChangeFailedException, not the raw error")
                .isNotNull();
        assertThat(failure.changeId()).isEqualTo("broken-static-init");
        assertThat(failure.getCause())
                .isInstanceOf(ExceptionInInitializerError.class)
                .hasRootCauseMessage("setting 'orders.region' is missing");
        List<AuditRecord> history = history();
        assertThat(history)
                .extracting(AuditRecord::state)
                .containsExactly(AuditState.STARTED, AuditState.FAILED, AuditState.ROLLBACK_FAILED);
        assertThat(history.get(1).errorType()).isEqualTo(ExceptionInInitializerError.class.getName());
        assertThat(history.get(2).errorType())
                .as("the rollback was attempted; the class still cannot load")
                .isEqualTo(NoClassDefFoundError.class.getName());
        assertThat(failure.report().changes())
                .extracting(ChangeResult::outcome)
                .containsExactly(ChangeOutcome.ROLLBACK_FAILED, ChangeOutcome.NOT_REACHED);
        assertThat(store.lockService().inspect("default"))
                .as("the lock is released")
                .isEmpty();
    }

    @Test
    void aNoClassDefFoundErrorOnALaterAttemptIsRecordedAsFailedToo() {
        ChangeFailedException first = catchThrowableOfType(
                ChangeFailedException.class,
                () -> engine(BrokenStaticInitRetried.class).build().run());
        assertThat(first).isNotNull();

        ChangeFailedException again = catchThrowableOfType(
                ChangeFailedException.class,
                () -> engine(BrokenStaticInitRetried.class).build().run());

        assertThat(again).isNotNull();
        assertThat(again.getCause()).isInstanceOf(NoClassDefFoundError.class);
        List<AuditRecord> history = history();
        assertThat(history.subList(3, history.size()))
                .extracting(AuditRecord::state)
                .containsExactly(AuditState.STARTED, AuditState.FAILED, AuditState.ROLLBACK_FAILED);
        assertThat(history.get(4).errorType()).isEqualTo(NoClassDefFoundError.class.getName());
        assertThat(history.get(4).errorMessage()).contains(BrokenStaticInitRetried.class.getName());
    }
}
