package io.tidemark.tck;

import org.junit.jupiter.api.Nested;

/**
 * Every contract suite of the TCK for one backend, behind one hook: {@link #fixture()}. Extend it in
 * one test class, start the fixture (for example in a {@code static @BeforeAll}), return it, and
 * JUnit runs each suite as a nested class of yours:
 *
 * <pre>{@code
 * class MyStoreContractsTest extends ContractSuites {
 *     static MyFixture fixture;
 *
 *     @BeforeAll static void start() { fixture = MyFixture.start(); }
 *     @AfterAll static void stop() { fixture.close(); }
 *
 *     @Override protected BackendFixture fixture() { return fixture; }
 * }
 * }</pre>
 *
 * <p>The suites: {@link AuditStoreContract}, {@link ExecutionHistoryContract},
 * {@link LockServiceContract}, {@link EngineContract}, {@link ChainVerificationContract} (raw
 * writes through {@link BackendFixture#rawRecords}), {@link TransactionSupportContract} (where the
 * store offers transactions), {@link RequestCountContract}, {@link PlanContract} (plans and
 * validate-only starts write nothing and take no lock) and {@link BaselineContract} (all three through
 * {@link BackendFixture#openCountingStore}). The sizes of the fuzzing and paging tests can be tuned
 * by overriding the methods below; the defaults are what every adapter of this project passes with.
 *
 * <p>Maven Surefire names the reports of the nested suites after this class
 * ({@code ContractSuites$Store}, ...), not after the subclass; a failure's stack trace shows the
 * subclass. Two subclasses run in one Surefire execution (an embedded server and a Testcontainers
 * one) therefore share report file names; give the second its own execution with a
 * {@code reportNameSuffix} if the files matter.
 */
public abstract class ContractSuites {

    /** {@return the backend under test, started by the subclass} */
    protected abstract BackendFixture fixture();

    /**
     * Records written by the paging tests; see {@link ExecutionHistoryContract#pagingRecordCount()}.
     *
     * @return the number of records; overridable
     */
    protected int pagingRecordCount() {
        return 250;
    }

    /**
     * Threads racing in the store and lock fuzz tests.
     *
     * @return the number of threads; overridable
     */
    protected int racingThreads() {
        return 8;
    }

    /**
     * Engines started together in the engine's race.
     *
     * @return the number of engines; overridable
     */
    protected int racingEngines() {
        return 8;
    }

    @Nested
    class Store extends AuditStoreContract {
        @Override
        protected BackendFixture fixture() {
            return ContractSuites.this.fixture();
        }

        @Override
        protected int racingWriters() {
            return racingThreads();
        }
    }

    @Nested
    class History extends ExecutionHistoryContract {
        @Override
        protected BackendFixture fixture() {
            return ContractSuites.this.fixture();
        }

        @Override
        protected int pagingRecordCount() {
            return ContractSuites.this.pagingRecordCount();
        }
    }

    @Nested
    class Locks extends LockServiceContract {
        @Override
        protected BackendFixture fixture() {
            return ContractSuites.this.fixture();
        }

        @Override
        protected int racingOwners() {
            return racingThreads();
        }
    }

    @Nested
    class Engine extends EngineContract {
        @Override
        protected BackendFixture fixture() {
            return ContractSuites.this.fixture();
        }

        @Override
        protected int racingEngines() {
            return ContractSuites.this.racingEngines();
        }
    }

    @Nested
    class Verification extends ChainVerificationContract {
        @Override
        protected BackendFixture fixture() {
            return ContractSuites.this.fixture();
        }
    }

    @Nested
    class Transactions extends TransactionSupportContract {
        @Override
        protected BackendFixture fixture() {
            return ContractSuites.this.fixture();
        }
    }

    @Nested
    class Requests extends RequestCountContract {
        @Override
        protected BackendFixture fixture() {
            return ContractSuites.this.fixture();
        }
    }

    @Nested
    class Plans extends PlanContract {
        @Override
        protected BackendFixture fixture() {
            return ContractSuites.this.fixture();
        }
    }

    @Nested
    class Baselines extends BaselineContract {
        @Override
        protected BackendFixture fixture() {
            return ContractSuites.this.fixture();
        }
    }
}
