package io.tidemark.core.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.tidemark.core.ChangeOutcome;
import io.tidemark.core.ChangeResult;
import io.tidemark.core.Tidemark;
import io.tidemark.core.TidemarkBuilder;
import io.tidemark.core.TidemarkConfig;
import io.tidemark.core.error.ChangeFailedException;
import io.tidemark.core.error.ConfigurationException;
import io.tidemark.core.error.IssuesPendingException;
import io.tidemark.core.error.TransactionRejectedException;
import io.tidemark.core.memory.InMemoryAuditStore;
import io.tidemark.core.memory.InMemoryTransaction;
import io.tidemark.core.testing.MutableClock;
import io.tidemark.spi.AppendResult;
import io.tidemark.spi.AuditRecord;
import io.tidemark.spi.AuditState;
import io.tidemark.spi.AuditStore;
import io.tidemark.spi.ExecutionHistory;
import io.tidemark.spi.LockService;
import io.tidemark.spi.TransactionSupport;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Changes whose writes commit together with their APPLIED record, on the reference store. */
class TransactionalChangeTest {

    private final MutableClock clock = MutableClock.atFixedStart();
    private final InMemoryAuditStore store = new InMemoryAuditStore(clock);
    private final TransactionalChanges.Ledger ledger = new TransactionalChanges.Ledger();

    private TidemarkBuilder engine(InMemoryAuditStore on) {
        return Tidemark.builder()
                .auditStore(on)
                .configuration(TidemarkConfig.of())
                .changeUnits(TransactionalChanges.InsertRows.class)
                .dependency(TransactionalChanges.Ledger.class, ledger)
                .clock(clock)
                .sleeper(clock::advance);
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

        ChangeFailedException failure = catchThrowableOfType(
                ChangeFailedException.class, () -> engine(store).build().run());

        assertThat(failure.report().failed()).map(ChangeResult::outcome).contains(ChangeOutcome.FAILED);
        assertThat(ledger.rows).isEmpty();
        assertThat(history()).extracting(AuditRecord::state).containsExactly(AuditState.STARTED, AuditState.FAILED);
        assertThat(history().get(1).isTransactional()).isTrue();

        ledger.failAfterStaging = false;
        var report = engine(store).build().run();

        assertThat(report.applied()).extracting(ChangeResult::changeId).containsExactly("tx-insert-rows");
        assertThat(ledger.rows).containsExactly("row-1", "row-2");
    }

    /**
     * The reference store, except that every commit finds the transaction ended as if the change had
     * committed or aborted it itself, as an adapter whose handle can end it reports that; it counts the
     * aborts the engine asks for.
     */
    private static AuditStore endedByTheChange(InMemoryAuditStore store, AtomicInteger aborts) {
        @SuppressWarnings("unchecked")
        TransactionSupport<InMemoryTransaction> real =
                (TransactionSupport<InMemoryTransaction>) store.transactions().orElseThrow();
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
            public Transaction<InMemoryTransaction> begin() {
                Transaction<InMemoryTransaction> transaction = real.begin();
                return new Transaction<>() {
                    @Override
                    public InMemoryTransaction handle() {
                        return transaction.handle();
                    }

                    @Override
                    public AppendResult commit(AuditRecord sealedApplied) {
                        transaction.abort();
                        throw new TransactionRejectedException("the change ended the transaction itself", null, false);
                    }

                    @Override
                    public void abort() {
                        aborts.incrementAndGet();
                        transaction.abort();
                    }
                };
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
        AtomicInteger aborts = new AtomicInteger();
        AuditStore ending = endedByTheChange(store, aborts);
        ChangeFailedException failure = catchThrowableOfType(
                ChangeFailedException.class,
                () -> Tidemark.builder()
                        .auditStore(ending)
                        .configuration(TidemarkConfig.of())
                        .changeUnits(TransactionalChanges.InsertRows.class)
                        .dependency(TransactionalChanges.Ledger.class, ledger)
                        .clock(clock)
                        .sleeper(clock::advance)
                        .build()
                        .run());
        assertThat(failure.getCause()).isInstanceOf(TransactionRejectedException.class);
        assertThat(history()).extracting(AuditRecord::state).containsExactly(AuditState.STARTED, AuditState.FAILED);
        assertThat(history().get(1).isTransactional())
                .as("the FAILED record does not claim nothing was committed")
                .isFalse();
        assertThat(aborts).as("the engine ends every transaction it began").hasValue(1);

        IssuesPendingException issue = catchThrowableOfType(
                IssuesPendingException.class, () -> engine(store).build().run());

        assertThat(issue).isNotNull();
        assertThat(issue.issues()).extracting(i -> i.changeId()).containsExactly("tx-insert-rows");
        assertThat(ledger.rows).isEmpty();
    }

    @Test
    void aStoreThatCannotRunTransactionsFailsTheBuildNotTheRun() {
        InMemoryAuditStore withoutTransactions = new InMemoryAuditStore(clock, false);

        ConfigurationException error = catchThrowableOfType(
                ConfigurationException.class, () -> engine(withoutTransactions).build());

        assertThat(error)
                .hasMessageContaining("InsertRows.apply parameter 1")
                .hasMessageContaining("needs a transaction")
                .hasMessageContaining("created with transactions switched off");
        assertThat(withoutTransactions.requestCount()).isZero();
    }
}
