package io.tidemark.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.tidemark.core.error.ConfigurationException;
import io.tidemark.spi.AppendResult;
import io.tidemark.spi.AuditRecord;
import io.tidemark.spi.AuditState;
import io.tidemark.spi.AuditStore;
import io.tidemark.spi.TransactionSupport;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link TransactionSupport}, for stores that offer it: a commit stores the change's
 * writes and its {@code APPLIED} record together, an abort stores neither, a commit at a taken
 * sequence stores nothing, the handle is of the declared type, and a backend that cannot run
 * transactions says so when one is begun.
 *
 * <p>Tests that need a commit run only where the fixture's server commits transactions
 * ({@link BackendFixture#commitsTransactions()}) and says how a change writes through the handle
 * ({@link BackendFixture#transactionalWrites}); elsewhere they are skipped, saying why. A store
 * without transactions skips the whole suite.
 */
public abstract class TransactionSupportContract extends StoreContractSupport {

    private AuditStore store;
    private String chain;

    @BeforeEach
    void openStoreAndChain() {
        store = openStore(MutableClock.atFixedStart());
        chain = uniqueName("tck-tx");
    }

    @SuppressWarnings("unchecked")
    private TransactionSupport<Object> transactions() {
        Optional<TransactionSupport<?>> transactions = store.transactions();
        assumeTrue(transactions.isPresent(), () -> store.describe() + " offers no transactions");
        return (TransactionSupport<Object>) transactions.get();
    }

    /** The transaction support, when the server under test can commit its transactions. */
    private TransactionSupport<Object> committing() {
        TransactionSupport<Object> transactions = transactions();
        Optional<String> unavailable = transactions.unavailableReason();
        assumeTrue(unavailable.isEmpty(), () -> "transactions are unavailable here: " + unavailable.orElse(""));
        assumeTrue(fixture().commitsTransactions(), () -> fixture().describe() + " does not commit transactions");
        return transactions;
    }

    private TransactionalWrites writes() {
        Optional<TransactionalWrites> writes = fixture().transactionalWrites(namespace());
        assumeTrue(writes.isPresent(), () -> fixture().describe() + " gives no transactional writes to check");
        return writes.get();
    }

    private AuditRecord appliedAt(long seq, String previousHash, String changeId) {
        return TestRecords.record(chain, seq, previousHash, changeId, AuditState.APPLIED, "tx-run");
    }

    @Test
    void aCommitStoresTheChangesWritesAndItsAppliedRecordTogether() {
        TransactionSupport<Object> transactions = committing();
        TransactionalWrites writes = writes();
        String marker = uniqueName("committed");
        AuditRecord applied = appliedAt(1, AuditRecord.GENESIS_HASH, "tx-change");

        TransactionSupport.Transaction<Object> transaction = transactions.begin();
        AppendResult result;
        try {
            writes.write(transaction.handle(), marker);
            result = transaction.commit(applied);
        } finally {
            transaction.abort();
        }

        assertThat(result).isEqualTo(new AppendResult.Appended(1));
        assertThat(writes.isStored(marker)).isTrue();
        assertThat(store.history().readAll(chain).toList()).containsExactly(applied);
    }

    @Test
    void anAbortStoresNeitherAndMayBeRepeated() {
        TransactionSupport<Object> transactions = committing();
        TransactionalWrites writes = writes();
        String marker = uniqueName("aborted");

        TransactionSupport.Transaction<Object> transaction = transactions.begin();
        writes.write(transaction.handle(), marker);
        transaction.abort();
        transaction.abort();

        assertThat(writes.isStored(marker)).isFalse();
        assertThat(store.history().tip(chain)).isEmpty();
    }

    @Test
    void aCommitAtATakenSequenceIsAConflictAndStoresNothing() {
        TransactionSupport<Object> transactions = committing();
        TransactionalWrites writes = writes();
        AuditRecord first = appliedAt(1, AuditRecord.GENESIS_HASH, "first");
        assertThat(store.append(first)).isEqualTo(new AppendResult.Appended(1));
        String marker = uniqueName("conflicting");

        TransactionSupport.Transaction<Object> transaction = transactions.begin();
        AppendResult result;
        try {
            writes.write(transaction.handle(), marker);
            result = transaction.commit(appliedAt(1, AuditRecord.GENESIS_HASH, "rival"));
        } finally {
            transaction.abort();
        }

        assertThat(result).isEqualTo(new AppendResult.SequenceConflict(chain, 1));
        assertThat(writes.isStored(marker)).isFalse();
        assertThat(store.history().readAll(chain).toList()).containsExactly(first);
    }

    @Test
    void aTransactionWithoutWritesCommitsItsAppliedRecord() {
        TransactionSupport<Object> transactions = committing();
        AuditRecord applied = appliedAt(1, AuditRecord.GENESIS_HASH, "no-writes");

        TransactionSupport.Transaction<Object> transaction = transactions.begin();
        AppendResult result;
        try {
            result = transaction.commit(applied);
        } finally {
            transaction.abort();
        }

        assertThat(result).isEqualTo(new AppendResult.Appended(1));
        assertThat(store.history().tip(chain)).contains(applied);
    }

    @Test
    void theHandleIsExactlyOfTheDeclaredType() {
        TransactionSupport<Object> transactions = transactions();
        assumeTrue(transactions.unavailableReason().isEmpty(), "transactions are unavailable here");

        TransactionSupport.Transaction<Object> transaction = transactions.begin();
        try {
            assertThat(transactions.handleType()).isNotEqualTo(Object.class);
            assertThat(transaction.handle()).isInstanceOf(transactions.handleType());
        } finally {
            transaction.abort();
        }
        assertThat(store.history().tip(chain)).isEmpty();
    }

    @Test
    void beginningOnABackendWithoutTransactionsFailsNamingTheReason() {
        TransactionSupport<Object> transactions = transactions();
        Optional<String> unavailable = transactions.unavailableReason();
        assumeTrue(unavailable.isPresent(), "transactions are available here");

        ConfigurationException refused = catchThrowableOfType(ConfigurationException.class, transactions::begin);

        assertThat(refused).isNotNull().hasMessageContaining(unavailable.get());
        assertThat(store.history().tip(chain)).isEmpty();
    }
}
