package io.tidemark.tck.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.tidemark.core.Tidemark;
import io.tidemark.core.TidemarkBuilder;
import io.tidemark.core.config.TidemarkConfig;
import io.tidemark.core.error.ChangeFailedException;
import io.tidemark.core.error.ConfigurationException;
import io.tidemark.core.error.IssuesPendingException;
import io.tidemark.core.error.TransactionRejectedException;
import io.tidemark.core.model.AppendResult;
import io.tidemark.core.model.AuditRecord;
import io.tidemark.core.model.AuditState;
import io.tidemark.core.model.ChangeOutcome;
import io.tidemark.core.model.ChangeResult;
import io.tidemark.core.port.AuditStore;
import io.tidemark.core.port.ExecutionHistory;
import io.tidemark.core.port.LockService;
import io.tidemark.core.port.TransactionSupport;
import io.tidemark.tck.MutableClock;
import io.tidemark.tck.memory.InMemoryAuditStore;
import io.tidemark.tck.memory.InMemoryTransaction;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** Changes whose writes commit together with their APPLIED record, on the reference store. */
class TransactionalChangeTest {

    private final MutableClock clock = MutableClock.atFixedStart();
    private final InMemoryAuditStore store = new InMemoryAuditStore(clock);
    private final TransactionalChanges.Ledger ledger = new TransactionalChanges.Ledger();

    private TidemarkBuilder engine(InMemoryAuditStore on) {
        return Tidemark.builder().auditStore(on).configuration(TidemarkConfig.of())
                .changeUnits(TransactionalChanges.InsertRows.class)
                .dependency(TransactionalChanges.Ledger.class, ledger).clock(clock).sleeper(clock::advance);
    }

    private List<AuditRecord> history() {
        return store.history().readAll("default").toList();
    }

    @Test
    void aSucceedingChangeCommitsItsWritesWithItsAppliedRecord() {
        engine(store).build().run();

        assertThat(ledger.rows).containsExactly("row-1", "row-2");
        AuditRecord applied = history().get(1);
        assertThat(applied.state()).isEqualTo(AuditState.APPLIED);
        assertThat(applied.isTransactional()).isTrue();
        assertThat(applied.metadata()).containsEntry("rows", "2");
        assertThat(history().get(0).isTransactional()).isTrue();
    }

    @Test
    void aFailingChangeCommitsNothingAndRunsAgainByItself() {
        ledger.failAfterStaging = true;

        ChangeFailedException failure = catchThrowableOfType(ChangeFailedException.class, () -> engine(store).build().run());

        assertThat(failure.report().failed()).map(ChangeResult::outcome).contains(ChangeOutcome.FAILED);
        assertThat(ledger.rows).isEmpty();
        assertThat(history()).extracting(AuditRecord::state).containsExactly(AuditState.STARTED, AuditState.FAILED);
        assertThat(history().get(1).isTransactional()).isTrue();

        ledger.failAfterStaging = false;
        var report = engine(store).build().run();

        assertThat(report.applied()).extracting(ChangeResult::changeId).containsExactly("tx-insert-rows");
        assertThat(ledger.rows).containsExactly("row-1", "row-2");
    }

    /** The reference store, except that every transaction ends as if the change had committed or aborted it itself. */
    private static AuditStore endedByTheChange(InMemoryAuditStore store) {
        TransactionSupport<InMemoryTransaction> ended = new TransactionSupport<>() {
            @Override
            public Class<InMemoryTransaction> handleType() {
                return InMemoryTransaction.class;
            }

            @Override
            public Optional<String> unavailableReason() {
                return Optional.empty();
            }

            @Override
            public AppendResult runAndAppend(TransactionalWork<InMemoryTransaction> work, Supplier<AuditRecord> record)
                    throws Exception {
                work.run(new InMemoryTransaction());
                throw new TransactionRejectedException("the change ended the transaction itself", null, false);
            }
        };
        return new AuditStore() {
            @Override
            public void initialize() {
                store.initialize();
            }

            @Override
            public AppendResult append(AuditRecord record) {
                return store.append(record);
            }

            @Override
            public ExecutionHistory history() {
                return store.history();
            }

            @Override
            public LockService lockService() {
                return store.lockService();
            }

            @Override
            public Optional<TransactionSupport<?>> transactions() {
                return Optional.of(ended);
            }

            @Override
            public String describe() {
                return store.describe();
            }
        };
    }

    @Test
    void aTransactionThatMayHaveCommittedWithoutItsAppliedRecordBecomesAnIssueNotARerun() {
        AuditStore ending = endedByTheChange(store);
        ChangeFailedException failure = catchThrowableOfType(ChangeFailedException.class,
                () -> Tidemark.builder().auditStore(ending).configuration(TidemarkConfig.of())
                        .changeUnits(TransactionalChanges.InsertRows.class)
                        .dependency(TransactionalChanges.Ledger.class, ledger).clock(clock).sleeper(clock::advance)
                        .build().run());
        assertThat(failure.getCause()).isInstanceOf(TransactionRejectedException.class);
        assertThat(history()).extracting(AuditRecord::state).containsExactly(AuditState.STARTED, AuditState.FAILED);
        assertThat(history().get(1).isTransactional()).as("the FAILED record does not claim nothing was committed")
                .isFalse();

        IssuesPendingException issue = catchThrowableOfType(IssuesPendingException.class, () -> engine(store).build().run());

        assertThat(issue).isNotNull();
        assertThat(issue.issues()).extracting(i -> i.changeId()).containsExactly("tx-insert-rows");
        assertThat(ledger.rows).isEmpty();
    }

    @Test
    void aStoreThatCannotRunTransactionsFailsTheBuildNotTheRun() {
        InMemoryAuditStore withoutTransactions = new InMemoryAuditStore(clock, false);

        ConfigurationException error = catchThrowableOfType(ConfigurationException.class,
                () -> engine(withoutTransactions).build());

        assertThat(error).hasMessageContaining("InsertRows.apply parameter 1")
                .hasMessageContaining("needs a transaction")
                .hasMessageContaining("created with transactions switched off");
        assertThat(withoutTransactions.requestCount()).isZero();
    }
}
