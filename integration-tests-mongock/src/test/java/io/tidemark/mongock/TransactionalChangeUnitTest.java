package io.tidemark.mongock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.client.ClientSession;
import com.mongodb.client.MongoDatabase;
import io.mongock.api.annotations.ChangeUnit;
import io.mongock.api.annotations.Execution;
import io.mongock.api.annotations.RollbackExecution;
import io.mongock.api.exception.MongockException;
import io.mongock.runner.core.annotation.AnnotationProcessor;
import io.tidemark.core.ChangeSetValidation;
import io.tidemark.core.Tidemark;
import io.tidemark.core.TidemarkConfig;
import io.tidemark.core.error.ChangeFailedException;
import io.tidemark.core.memory.InMemoryAuditStore;
import io.tidemark.core.memory.InMemoryTransaction;
import io.tidemark.spi.AuditRecord;
import io.tidemark.spi.AuditState;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A Mongock 5 change unit written for transactions, as Mongock's MongoDB driver runs them: its
 * {@code @Execution} takes the {@code ClientSession} Mongock injects, and it has the
 * {@code @RollbackExecution} that Mongock requires of every change unit. Tidemark runs it unchanged:
 * transactionally, without the rollback (the aborted transaction left nothing to undo).
 */
class TransactionalChangeUnitTest {

    /** Transactional, as Mongock's documentation writes it. */
    @ChangeUnit(id = "tx-users", order = "010", author = "ana")
    public static class TransactionalUnit {

        @Execution
        public void execute(MongoDatabase database, ClientSession session) {
            database.getCollection("users").insertOne(session, new org.bson.Document("name", "ana"));
        }

        @RollbackExecution
        public void rollback(MongoDatabase database) {
            database.getCollection("users").deleteMany(new org.bson.Document("name", "ana"));
        }
    }

    /** The same without the rollback: what Tidemark asked for before, and what Mongock refuses. */
    @ChangeUnit(id = "tx-users", order = "010", author = "ana")
    public static class WithoutRollback {

        @Execution
        public void execute(MongoDatabase database, ClientSession session) {
            database.getCollection("users").insertOne(session, new org.bson.Document("name", "ana"));
        }
    }

    /** What the in-memory unit did: writes committed, rollbacks called; and whether its next attempt fails. */
    static final class Counts {
        final AtomicInteger committed = new AtomicInteger();
        final AtomicInteger rollbacks = new AtomicInteger();
        volatile boolean fail = true;
    }

    /**
     * The same shape on the store that runs transactions here (no MongoDB server with transactions is
     * available to the build): the execution takes the store's handle, and Mongock's mandatory rollback
     * is there.
     */
    @ChangeUnit(id = "tx-counts", order = "020", author = "ana")
    public static class InMemoryTransactionalUnit {

        @Execution
        public void execute(Counts counts, InMemoryTransaction transaction) {
            transaction.stage(counts.committed::incrementAndGet);
            if (counts.fail) {
                throw new IllegalStateException("the data is not ready yet");
            }
        }

        @RollbackExecution
        public void rollback(Counts counts) {
            counts.rollbacks.incrementAndGet();
        }
    }

    @Test
    void aFailedAttemptCommitsNothingCallsNoRollbackAndRunsAgainWithoutAnOperator() {
        InMemoryAuditStore store = new InMemoryAuditStore(Clock.systemUTC(), true);
        Counts counts = new Counts();
        Tidemark tidemark = Tidemark.builder()
                .auditStore(store)
                .configuration(TidemarkConfig.of())
                .changeUnits(InMemoryTransactionalUnit.class)
                .dependency(Counts.class, counts)
                .build();

        assertThatThrownBy(tidemark::run).isInstanceOf(ChangeFailedException.class);
        assertThat(counts.committed).hasValue(0);
        assertThat(counts.rollbacks).hasValue(0);

        counts.fail = false;
        assertThat(tidemark.run().applied()).hasSize(1);
        assertThat(counts.committed).hasValue(1);
        assertThat(counts.rollbacks).hasValue(0);
        try (Stream<AuditRecord> records = tidemark.operator().history()) {
            assertThat(records.filter(r -> r.changeId().equals("tx-counts")).map(AuditRecord::state))
                    .containsExactly(AuditState.STARTED, AuditState.FAILED, AuditState.STARTED, AuditState.APPLIED);
        }
    }

    @Test
    void mongockRequiresTheRollbackOfATransactionalChangeUnit() {
        AnnotationProcessor mongock = new AnnotationProcessor();

        assertThatCode(() -> mongock.validateChangeUnit(TransactionalUnit.class))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> mongock.getRollbackMethod(WithoutRollback.class))
                .isInstanceOf(MongockException.class);
    }

    @Test
    void tidemarkRunsItUnchangedAsATransactionalChangeWithoutItsRollback() {
        ChangeSetValidation validation = Tidemark.builder()
                .configuration(TidemarkConfig.of())
                .changeUnits(TransactionalUnit.class)
                .validate(List.of(MongoDatabase.class), Optional.of(ClientSession.class));

        assertThat(validation.problems()).isEmpty();
        assertThat(validation.changeUnits()).singleElement().satisfies(unit -> {
            assertThat(unit.id()).isEqualTo("tx-users");
            assertThat(unit.transactional()).isTrue();
        });
    }
}
