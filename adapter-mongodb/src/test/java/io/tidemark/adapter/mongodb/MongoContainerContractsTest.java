package io.tidemark.adapter.mongodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.mongodb.client.ClientSession;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import io.tidemark.adapter.mongodb.testing.MongoFixture;
import io.tidemark.api.ChangeUnit;
import io.tidemark.api.Execution;
import io.tidemark.core.Tidemark;
import io.tidemark.core.TidemarkConfig;
import io.tidemark.core.error.ChangeFailedException;
import io.tidemark.core.error.IssuesPendingException;
import io.tidemark.core.error.TransactionRejectedException;
import io.tidemark.spi.AppendResult;
import io.tidemark.spi.AuditRecord;
import io.tidemark.spi.AuditState;
import io.tidemark.spi.TransactionSupport;
import io.tidemark.tck.BackendFixture;
import io.tidemark.tck.ContractSuites;
import io.tidemark.tck.MutableClock;
import io.tidemark.tck.TestRecords;
import io.tidemark.tck.TransactionSteps;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.mongodb.MongoDBContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * Every TCK suite, and transactional change units, against a real {@code mongod} ({@code mongo:7}
 * as a single-node replica set, so transactions work). Skipped where Docker is missing.
 */
@Testcontainers(disabledWithoutDocker = true)
class MongoContainerContractsTest extends ContractSuites {

    static final String DATABASE = MongoFixture.database("tck");

    @Container
    static final MongoDBContainer MONGO = new MongoDBContainer(DockerImageName.parse("mongo:7")).withReplicaSet();

    private static MongoFixture fixture;
    private static MongoClient client;

    @BeforeAll
    static void connect() {
        fixture = MongoFixture.over(
                        MONGO.getConnectionString() + "/?directConnection=true",
                        "mongod 7 (replica set) " + "in a container",
                        () -> {})
                .withPageSize(25);
        client = fixture.client();
    }

    @AfterAll
    static void disconnect() {
        fixture.close();
    }

    static MongoAuditStore store(Clock clock) {
        return MongoAuditStore.builder(client, DATABASE)
                .pageSize(25)
                .clock(clock)
                .build();
    }

    @Override
    protected BackendFixture fixture() {
        return fixture;
    }

    /** What the transactional change units write to, and how many of their attempts fail after writing. */
    public record Accounts(MongoCollection<Document> collection, AtomicInteger failuresLeft) {}

    /** Writes two accounts through the session, then fails while failures are left. */
    @ChangeUnit(id = "open-accounts", order = "1", author = "test")
    public static final class OpenAccounts {
        @Execution
        public void apply(ClientSession session, Accounts accounts) {
            accounts.collection().insertOne(session, new Document("_id", "alice").append("balance", 10));
            accounts.collection().insertOne(session, new Document("_id", "bob").append("balance", 20));
            if (accounts.failuresLeft().getAndDecrement() > 0) {
                throw new IllegalStateException("simulated failure after both writes");
            }
        }
    }

    /** Writes an account, then aborts Tidemark's transaction itself and returns normally. */
    @ChangeUnit(id = "abort-itself", order = "1", author = "test")
    public static final class AbortsItself {
        @Execution
        public void apply(ClientSession session, Accounts accounts) {
            accounts.collection().insertOne(session, new Document("_id", "frank").append("balance", 5));
            session.abortTransaction();
        }
    }

    /** Writes an account, then commits Tidemark's transaction itself and returns normally. */
    @ChangeUnit(id = "commit-itself", order = "1", author = "test")
    public static final class CommitsItself {
        @Execution
        public void apply(ClientSession session, Accounts accounts) {
            accounts.collection().insertOne(session, new Document("_id", "grace").append("balance", 5));
            session.commitTransaction();
        }
    }

    @Nested
    class TransactionalChanges {

        private MongoAuditStore store;
        private String chain;
        private Accounts accounts;

        @BeforeEach
        void openStore() {
            store = store(MutableClock.atFixedStart());
            chain = "tx-" + System.nanoTime();
            String collection = "accounts_" + System.nanoTime();
            client.getDatabase(DATABASE).createCollection(collection);
            accounts = new Accounts(client.getDatabase(DATABASE).getCollection(collection), new AtomicInteger());
        }

        private Tidemark engine() {
            return Tidemark.builder()
                    .auditStore(store)
                    .configuration(TidemarkConfig.of())
                    .chain(chain)
                    .changeUnits(OpenAccounts.class)
                    .dependency(Accounts.class, accounts)
                    .build();
        }

        private List<AuditState> states() {
            return store.history()
                    .readAll(chain)
                    .filter(r -> r.changeId().equals("open-accounts"))
                    .map(AuditRecord::state)
                    .toList();
        }

        @SuppressWarnings("unchecked")
        private TransactionSupport<ClientSession> transactions() {
            return (TransactionSupport<ClientSession>) store.transactions().orElseThrow();
        }

        private void assertEndedByTheChangeIsAFailureForAnOperator(Class<?> change, String id) {
            Tidemark tidemark = Tidemark.builder()
                    .auditStore(store)
                    .configuration(TidemarkConfig.of())
                    .chain(chain)
                    .changeUnits(change)
                    .dependency(Accounts.class, accounts)
                    .build();

            ChangeFailedException failure = catchThrowableOfType(ChangeFailedException.class, tidemark::run);

            assertThat(failure).isNotNull();
            assertThat(failure.getCause())
                    .isInstanceOf(TransactionRejectedException.class)
                    .hasMessageContaining("ended Tidemark's transaction itself");
            List<AuditRecord> records = store.history().readAll(chain).toList();
            assertThat(records).extracting(AuditRecord::state).containsExactly(AuditState.STARTED, AuditState.FAILED);
            assertThat(records.get(1).isTransactional()).isFalse();
            IssuesPendingException next = catchThrowableOfType(IssuesPendingException.class, tidemark::run);
            assertThat(next.issues()).extracting(issue -> issue.changeId()).containsExactly(id);
        }

        @Test
        void aChangeThatAbortsTheTransactionItselfIsRecordedFailedAndLeftToAnOperator() {
            assertEndedByTheChangeIsAFailureForAnOperator(AbortsItself.class, "abort-itself");

            assertThat(accounts.collection().countDocuments())
                    .as("its write was aborted")
                    .isZero();
        }

        @Test
        void aChangeThatCommitsTheTransactionItselfIsRecordedFailedAndLeftToAnOperator() {
            assertEndedByTheChangeIsAFailureForAnOperator(CommitsItself.class, "commit-itself");

            assertThat(accounts.collection().countDocuments())
                    .as("its own commit stored its write")
                    .isEqualTo(1);
        }

        @Test
        void aReplicaSetRunsTransactions() {
            assertThat(transactions().unavailableReason()).isEmpty();
        }

        @Test
        void theChangesWritesCommitWithItsAppliedRecord() {
            engine().run();

            assertThat(accounts.collection().countDocuments()).isEqualTo(2);
            assertThat(states()).containsExactly(AuditState.STARTED, AuditState.APPLIED);
            AuditRecord applied = store.history()
                    .readAll(chain)
                    .filter(r -> r.changeId().equals("open-accounts"))
                    .reduce((first, second) -> second)
                    .orElseThrow();
            assertThat(applied.isTransactional()).isTrue();
        }

        @Test
        void aFailedAttemptCommitsNothingAndRunsAgainNextTime() {
            accounts.failuresLeft().set(1);

            ChangeFailedException failure = catchThrowableOfType(ChangeFailedException.class, () -> engine().run());

            assertThat(failure.getCause()).hasMessage("simulated failure after both writes");
            assertThat(accounts.collection().countDocuments()).isZero();
            assertThat(states()).containsExactly(AuditState.STARTED, AuditState.FAILED);

            engine().run();

            assertThat(accounts.collection().countDocuments()).isEqualTo(2);
            assertThat(states())
                    .containsExactly(AuditState.STARTED, AuditState.FAILED, AuditState.STARTED, AuditState.APPLIED);
        }

        @Test
        void aTakenSequenceAbortsTheWritesOfTheWork() throws Exception {
            AuditRecord first = TestRecords.applied(chain, 1, AuditRecord.GENESIS_HASH);
            store.append(first);

            AppendResult result = TransactionSteps.runAndAppend(
                    transactions(),
                    session -> accounts.collection().insertOne(session, new Document("_id", "carol")),
                    () -> TestRecords.record(chain, 1, AuditRecord.GENESIS_HASH, "rival", AuditState.APPLIED, "e2"));

            assertThat(result).isEqualTo(new AppendResult.SequenceConflict(chain, 1));
            assertThat(accounts.collection().countDocuments()).isZero();
            assertThat(store.history().readAll(chain).toList()).containsExactly(first);
        }

        @Test
        void theWorksExceptionComesBackUnchangedAndNothingIsWritten() {
            IllegalArgumentException thrown = new IllegalArgumentException("bad input in the change");
            AtomicBoolean recordAsked = new AtomicBoolean();

            Throwable caught = catchThrowable(() -> TransactionSteps.runAndAppend(
                    transactions(),
                    session -> {
                        accounts.collection().insertOne(session, new Document("_id", "dave"));
                        throw thrown;
                    },
                    () -> {
                        recordAsked.set(true);
                        return TestRecords.applied(chain, 1, AuditRecord.GENESIS_HASH);
                    }));

            assertThat(caught).isSameAs(thrown);
            assertThat(recordAsked).isFalse();
            assertThat(accounts.collection().countDocuments()).isZero();
            assertThat(store.history().tip(chain)).isEmpty();
        }

        @Test
        void aFreeSequenceCommitsTheWorkAndTheRecordTogether() throws Exception {
            AuditRecord record = TestRecords.applied(chain, 1, AuditRecord.GENESIS_HASH);

            AppendResult result = TransactionSteps.runAndAppend(
                    transactions(),
                    session -> accounts.collection().insertOne(session, new Document("_id", "erin")),
                    () -> record);

            assertThat(result).isEqualTo(new AppendResult.Appended(1));
            assertThat(accounts.collection().countDocuments()).isEqualTo(1);
            assertThat(store.history().tip(chain)).contains(record);
        }
    }
}
