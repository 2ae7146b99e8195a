package io.tidemark.core.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.tidemark.api.ChangeContext;
import io.tidemark.api.ChangeUnit;
import io.tidemark.api.Execution;
import io.tidemark.api.RollbackExecution;
import io.tidemark.core.RunReport;
import io.tidemark.core.Tidemark;
import io.tidemark.core.TidemarkConfig;
import io.tidemark.core.error.ChangeFailedException;
import io.tidemark.core.memory.InMemoryAuditStore;
import io.tidemark.core.testing.MutableClock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/** A change unit's own log lines can be matched to its audit records through the MDC; a run leaves the MDC as it was. */
class MdcTest {

    /** What each change saw in the MDC, in order: "changeId/phase" and the three keys. */
    static final List<Map<String, String>> SEEN = new CopyOnWriteArrayList<>();

    private final MutableClock clock = MutableClock.atFixedStart();
    private final InMemoryAuditStore store = new InMemoryAuditStore(clock);

    private static void see(String phase, ChangeContext context) {
        LoggerFactory.getLogger(MdcTest.class).info("change {} logs in phase {}", context.changeId(), phase);
        Map<String, String> seen = new HashMap<>();
        seen.put("phase", context.changeId() + "/" + phase);
        for (String key : List.of(MdcKeys.EXECUTION_ID, MdcKeys.CHAIN, MdcKeys.CHANGE_ID)) {
            String value = MDC.get(key);
            if (value != null) {
                seen.put(key, value);
            }
        }
        SEEN.add(seen);
    }

    @ChangeUnit(id = "logs-first", order = "1")
    public static final class LogsFirst {
        @Execution
        public void apply(ChangeContext context) {
            see("execution", context);
        }
    }

    @ChangeUnit(id = "logs-then-fails", order = "2")
    public static final class LogsThenFails {
        @Execution
        public void apply(ChangeContext context) {
            see("execution", context);
            throw new IllegalStateException("fails on purpose");
        }

        @RollbackExecution
        public void undo(ChangeContext context) {
            see("rollback", context);
        }
    }

    @BeforeEach
    void mdcWorks() {
        MDC.put("probe", "on");
        assertThat(MDC.get("probe"))
                .as("this module's tests run slf4j-simple with a working MDC: the system property "
                        + "slf4j.provider=io.tidemark.core.testing.SimpleLoggingWithMdc (set in audit-core's pom)")
                .isEqualTo("on");
        MDC.remove("probe");
    }

    @AfterEach
    void clear() {
        SEEN.clear();
        MDC.clear();
    }

    private Tidemark tidemark(Class<?>... changes) {
        return Tidemark.builder()
                .auditStore(store)
                .configuration(TidemarkConfig.of())
                .chain("orders")
                .changeUnits(changes)
                .clock(clock)
                .build();
    }

    @Test
    void aChangeSeesTheExecutionIdTheChainAndItsOwnIdAndTheyAreGoneAfterTheRun() {
        RunReport report = tidemark(LogsFirst.class).run();

        assertThat(SEEN)
                .containsExactly(Map.of(
                        "phase",
                        "logs-first/execution",
                        MdcKeys.EXECUTION_ID,
                        report.executionId(),
                        MdcKeys.CHAIN,
                        "orders",
                        MdcKeys.CHANGE_ID,
                        "logs-first"));
        assertThat(store.history().readAll("orders").filter(r -> "logs-first".equals(r.changeId())))
                .allSatisfy(record -> assertThat(record.executionId()).isEqualTo(report.executionId()));
        assertThat(MDC.get(MdcKeys.EXECUTION_ID)).isNull();
        assertThat(MDC.get(MdcKeys.CHAIN)).isNull();
        assertThat(MDC.get(MdcKeys.CHANGE_ID)).isNull();
    }

    @Test
    void aRollbackSeesThemTooAndAFailedRunRemovesThem() {
        ChangeFailedException failure = catchThrowableOfType(
                ChangeFailedException.class,
                () -> tidemark(LogsFirst.class, LogsThenFails.class).run());

        String executionId = failure.report().executionId();
        assertThat(SEEN)
                .containsExactly(
                        Map.of(
                                "phase",
                                "logs-first/execution",
                                MdcKeys.EXECUTION_ID,
                                executionId,
                                MdcKeys.CHAIN,
                                "orders",
                                MdcKeys.CHANGE_ID,
                                "logs-first"),
                        Map.of(
                                "phase",
                                "logs-then-fails/execution",
                                MdcKeys.EXECUTION_ID,
                                executionId,
                                MdcKeys.CHAIN,
                                "orders",
                                MdcKeys.CHANGE_ID,
                                "logs-then-fails"),
                        Map.of(
                                "phase",
                                "logs-then-fails/rollback",
                                MdcKeys.EXECUTION_ID,
                                executionId,
                                MdcKeys.CHAIN,
                                "orders",
                                MdcKeys.CHANGE_ID,
                                "logs-then-fails"));
        assertThat(MDC.getCopyOfContextMap())
                .doesNotContainKeys(MdcKeys.EXECUTION_ID, MdcKeys.CHAIN, MdcKeys.CHANGE_ID);
    }

    @Test
    void valuesSetBeforeTheRunAreRestoredAfterItAndOtherKeysAreLeftAlone() {
        MDC.put(MdcKeys.CHAIN, "outer-chain");
        MDC.put(MdcKeys.CHANGE_ID, "outer-change");
        MDC.put("requestId", "r-42");

        tidemark(LogsFirst.class).run();

        assertThat(SEEN.get(0)).containsEntry(MdcKeys.CHAIN, "orders").containsEntry(MdcKeys.CHANGE_ID, "logs-first");
        assertThat(MDC.get(MdcKeys.CHAIN)).isEqualTo("outer-chain");
        assertThat(MDC.get(MdcKeys.CHANGE_ID)).isEqualTo("outer-change");
        assertThat(MDC.get("requestId")).isEqualTo("r-42");
        assertThat(MDC.get(MdcKeys.EXECUTION_ID)).isNull();
    }

    @Test
    void listenersSeeTheRunsKeysAndTheChangeIdOnlyWhileAChangeRuns() {
        Map<String, String> atRunStart = new HashMap<>();
        Map<String, String> atChangeStart = new HashMap<>();
        Map<String, String> atRunEnd = new HashMap<>();
        Tidemark.builder()
                .auditStore(store)
                .configuration(TidemarkConfig.of())
                .chain("orders")
                .changeUnits(LogsFirst.class)
                .clock(clock)
                .listener(event -> {
                    Map<String, String> into = event instanceof RunStarted
                            ? atRunStart
                            : event instanceof ChangeStarted
                                    ? atChangeStart
                                    : event instanceof RunFinished ? atRunEnd : null;
                    if (into != null) {
                        into.putAll(MDC.getCopyOfContextMap() == null ? Map.of() : MDC.getCopyOfContextMap());
                    }
                })
                .build()
                .run();

        assertThat(atRunStart).containsOnlyKeys(MdcKeys.EXECUTION_ID, MdcKeys.CHAIN);
        assertThat(atChangeStart).containsOnlyKeys(MdcKeys.EXECUTION_ID, MdcKeys.CHAIN, MdcKeys.CHANGE_ID);
        assertThat(atRunEnd).containsOnlyKeys(MdcKeys.EXECUTION_ID, MdcKeys.CHAIN);
    }
}
