package io.tidemark.core.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.tidemark.core.RunReport;
import io.tidemark.core.Tidemark;
import io.tidemark.core.TidemarkConfig;
import io.tidemark.core.chain.VerificationResult;
import io.tidemark.core.error.LockLostException;
import io.tidemark.core.memory.InMemoryAuditStore;
import io.tidemark.core.operator.ImportProgress;
import io.tidemark.core.operator.OperatorApi;
import io.tidemark.core.testing.Crashes;
import io.tidemark.core.testing.MutableClock;
import io.tidemark.spi.AppendResult;
import io.tidemark.spi.AuditRecord;
import io.tidemark.spi.AuditState;
import io.tidemark.spi.AuditStore;
import io.tidemark.spi.ExecutionHistory;
import io.tidemark.spi.LockService;
import io.tidemark.tck.changes.ChangeTarget;
import io.tidemark.tck.changes.SampleChanges;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A client that retries a conditional write whose first attempt succeeded but whose answer was lost
 * gets "sequence taken" for its own record. The engine must recognise its own record and go on; a
 * record of someone else at that sequence must still stop the run.
 */
class LateAcknowledgementTest {

    private final MutableClock clock = MutableClock.atFixedStart();
    private final InMemoryAuditStore backend = new InMemoryAuditStore(clock);
    private final ChangeTarget target = new ChangeTarget();

    /** Stores every record, then answers as the retry of an already stored write would: conflict. */
    private final AuditStore lateAcknowledging = new AuditStore() {
        @Override
        public void initialize() {
            backend.initialize();
        }

        @Override
        public AppendResult append(AuditRecord record) {
            AppendResult first = backend.append(record);
            return first instanceof AppendResult.Appended
                    ? new AppendResult.SequenceConflict(record.chain(), record.seq())
                    : first;
        }

        @Override
        public ExecutionHistory history() {
            return backend.history();
        }

        @Override
        public LockService lockService() {
            return backend.lockService();
        }

        @Override
        public String describe() {
            return "late-acknowledging store";
        }
    };

    @Test
    void anAppendAcknowledgedAsAConflictOfItsOwnRecordCountsAsAppended() {
        RunReport report = Tidemark.builder()
                .auditStore(lateAcknowledging)
                .configuration(TidemarkConfig.of())
                .changeUnits(SampleChanges.BASIC.toArray(Class<?>[]::new))
                .dependency(target)
                .clock(clock)
                .build()
                .run();

        assertThat(report.applied()).hasSize(4);
        assertThat(backend.history().readAll("default").map(AuditRecord::state).toList())
                .hasSize(9)
                .endsWith(AuditState.APPLIED, AuditState.CHECKPOINT);
    }

    @Test
    void anotherWritersRecordAtTheSequenceStillStopsTheRun() {
        target.onExecute(
                "seed-accounts", () -> Crashes.leaveStarted(backend, "default", SampleChanges.Last.class, clock));

        LockLostException lost = catchThrowableOfType(
                LockLostException.class,
                () -> Tidemark.builder()
                        .auditStore(backend)
                        .configuration(TidemarkConfig.of())
                        .changeUnits(SampleChanges.BASIC.toArray(Class<?>[]::new))
                        .dependency(target)
                        .clock(clock)
                        .build()
                        .run());

        assertThat(lost).hasMessageContaining("Another writer appended seq 4");
        assertThat(target.attempts("add-email-index")).isZero();
    }

    @Test
    void anOperatorsMarkAndAnImportGoThroughTheSameWriterAndAcceptTheirOwnLateAcknowledgedRecords() {
        InMemoryAuditStore source = new InMemoryAuditStore(clock);
        Tidemark.builder()
                .auditStore(source)
                .configuration(TidemarkConfig.of())
                .changeUnits(SampleChanges.BASIC.toArray(Class<?>[]::new))
                .dependency(target)
                .clock(clock)
                .build()
                .run();
        List<AuditRecord> exported = source.history().readAll("default").toList();

        try (OperatorApi operator = Tidemark.builder()
                .auditStore(lateAcknowledging)
                .configuration(TidemarkConfig.of())
                .clock(clock)
                .buildOperator()) {
            VerificationResult imported = operator.importChain(() -> exported.stream(), ImportProgress.SILENT);
            AuditRecord mark = operator.markRolledBack("seed-accounts", "ana", "undone by hand");

            assertThat(imported.isIntact()).isTrue();
            assertThat(mark.seq()).isEqualTo(exported.size() + 1);
        }
        assertThat(backend.history().readAll("default").toList())
                .hasSize(exported.size() + 1)
                .startsWith(exported.toArray(AuditRecord[]::new));
    }
}
