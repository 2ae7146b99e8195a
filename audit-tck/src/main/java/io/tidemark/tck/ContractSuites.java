package io.tidemark.tck;

import io.tidemark.core.model.AuditRecord;
import io.tidemark.core.port.AuditStore;
import java.time.Clock;
import org.junit.jupiter.api.Nested;

/**
 * Every contract suite of the TCK for one backend, behind four hooks. Extend it in one test class,
 * start the backend (for example in a {@code static @BeforeAll}), implement the hooks, and JUnit runs
 * each suite as a nested class of yours:
 *
 * <pre>{@code
 * class MyStoreContractsTest extends ContractSuites {
 *     static MyServer server;
 *
 *     @BeforeAll static void start() { server = MyServer.start(); }
 *     @AfterAll static void stop() { server.close(); }
 *
 *     @Override protected AuditStore createStore(Clock clock) { return new MyAuditStore(server.client(), clock); }
 *     @Override protected void overwriteRecord(AuditStore store, AuditRecord replacement) { ... raw write ... }
 *     @Override protected void deleteRecord(AuditStore store, String chain, long seq) { ... raw delete ... }
 *     @Override protected void overwriteRecordWithState(AuditStore store, AuditRecord record, String state) {
 *         ... raw write of record, its state field holding state ...
 *     }
 * }
 * }</pre>
 *
 * <p>The sizes of the fuzzing and paging tests can be tuned by overriding the methods below; the
 * defaults are what every adapter of this project passes with.
 *
 * <p>Maven Surefire names the reports of the nested suites after this class
 * ({@code ContractSuites$Store}, ...), not after the subclass; a failure's stack trace shows the
 * subclass. Two subclasses run in one Surefire execution (an embedded server and a Testcontainers
 * one) therefore share report file names; give the second its own execution with a
 * {@code reportNameSuffix} if the files matter.
 */
public abstract class ContractSuites {

    /** See {@link StoreContractSupport#createStore(Clock)}. */
    protected abstract AuditStore createStore(Clock clock);

    /** See {@link ChainVerificationContract#overwriteRecord}. */
    protected abstract void overwriteRecord(AuditStore store, AuditRecord replacement);

    /** See {@link ChainVerificationContract#deleteRecord}. */
    protected abstract void deleteRecord(AuditStore store, String chain, long seq);

    /** See {@link ChainVerificationContract#overwriteRecordWithState}. */
    protected abstract void overwriteRecordWithState(AuditStore store, AuditRecord record, String state);

    /** See {@link ChainVerificationContract#remembersTheNewestRecord()}. */
    protected boolean remembersTheNewestRecord() {
        return false;
    }

    /** Records written by the paging tests; see {@link ExecutionHistoryContract#pagingRecordCount()}. */
    protected int pagingRecordCount() {
        return 250;
    }

    /** Threads racing in the store and lock fuzz tests. */
    protected int racingThreads() {
        return 8;
    }

    /** Engines started together in the engine's race. */
    protected int racingEngines() {
        return 8;
    }

    @Nested
    class Store extends AuditStoreContract {
        @Override
        protected AuditStore createStore(Clock clock) {
            return ContractSuites.this.createStore(clock);
        }

        @Override
        protected int racingWriters() {
            return racingThreads();
        }
    }

    @Nested
    class History extends ExecutionHistoryContract {
        @Override
        protected AuditStore createStore(Clock clock) {
            return ContractSuites.this.createStore(clock);
        }

        @Override
        protected int pagingRecordCount() {
            return ContractSuites.this.pagingRecordCount();
        }
    }

    @Nested
    class Locks extends LockServiceContract {
        @Override
        protected AuditStore createStore(Clock clock) {
            return ContractSuites.this.createStore(clock);
        }

        @Override
        protected int racingOwners() {
            return racingThreads();
        }
    }

    @Nested
    class Engine extends EngineContract {
        @Override
        protected AuditStore createStore(Clock clock) {
            return ContractSuites.this.createStore(clock);
        }

        @Override
        protected int racingEngines() {
            return ContractSuites.this.racingEngines();
        }
    }

    @Nested
    class Verification extends ChainVerificationContract {
        @Override
        protected AuditStore createStore(Clock clock) {
            return ContractSuites.this.createStore(clock);
        }

        @Override
        protected void overwriteRecord(AuditStore store, AuditRecord replacement) {
            ContractSuites.this.overwriteRecord(store, replacement);
        }

        @Override
        protected void deleteRecord(AuditStore store, String chain, long seq) {
            ContractSuites.this.deleteRecord(store, chain, seq);
        }

        @Override
        protected void overwriteRecordWithState(AuditStore store, AuditRecord record, String state) {
            ContractSuites.this.overwriteRecordWithState(store, record, state);
        }

        @Override
        protected boolean remembersTheNewestRecord() {
            return ContractSuites.this.remembersTheNewestRecord();
        }
    }
}
