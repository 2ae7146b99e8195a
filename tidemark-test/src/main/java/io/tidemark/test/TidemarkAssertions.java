package io.tidemark.test;

import io.tidemark.core.ChangeOutcome;
import io.tidemark.core.ChangeResult;
import io.tidemark.core.ChangeSetValidation;
import io.tidemark.core.Rehearsal;
import io.tidemark.core.RunReport;
import io.tidemark.core.Tidemark;
import io.tidemark.core.error.ChangeFailedException;
import io.tidemark.core.error.TidemarkException;
import io.tidemark.spi.AuditStore;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Entry points of the kit's assertions; import them statically. Every assertion fails with an
 * {@link org.opentest4j.AssertionFailedError} whose message says what was expected, what happened
 * instead, and what the run or the chain holds, so a failing test explains itself.
 *
 * <pre>{@code
 * assertThat(report).applied("create-orders", "seed-orders").inOrder();
 * assertThat(chain(store)).verifies().hasMetadata("seed-orders", "orders", "6");
 * assertRunFails(tidemark).withError(IllegalStateException.class).withMessageContaining("orders").rolledBack();
 * assertThat(builder.validate()).isValid();
 * }</pre>
 *
 * <p>The names do not clash with AssertJ's: {@code assertThat(RunReport)} and the others are more
 * specific than AssertJ's {@code assertThat(Object)}, so both static imports can live in one test.
 */
public final class TidemarkAssertions {

    private TidemarkAssertions() {}

    /**
     * Starts assertions on what one run did.
     *
     * @param report the run's report
     * @return the assertions
     */
    public static RunReportAssert assertThat(RunReport report) {
        return new RunReportAssert(report);
    }

    /**
     * Starts assertions on an audit chain as it is stored: use {@link #chain(AuditStore)} to name it.
     *
     * @param chain the chain and its store
     * @return the assertions
     */
    public static ChainAssert assertThat(AuditChain chain) {
        return new ChainAssert(chain);
    }

    /**
     * Starts assertions on a validation.
     *
     * @param validation what {@code TidemarkBuilder.validate()} or {@link ChangeSetValidator#validate()} returned
     * @return the assertions
     */
    public static ValidationAssert assertThat(ChangeSetValidation validation) {
        return new ValidationAssert(validation);
    }

    /**
     * Starts assertions on how the change a run stopped at failed.
     *
     * @param failure what the run threw
     * @return the assertions
     */
    public static ChangeFailureAssert assertThat(ChangeFailedException failure) {
        Objects.requireNonNull(failure, "failure");
        RunReport report = failure.report();
        ChangeResult result = report.failed()
                .orElseGet(() -> new ChangeResult(failure.changeId(), "", ChangeOutcome.FAILED, Duration.ZERO, ""));
        return new ChangeFailureAssert(result, Optional.ofNullable(failure.getCause()), report);
    }

    /**
     * Runs {@code tidemark}, expecting a change to fail, and returns assertions on that failure:
     * {@code assertRunFails(tidemark).withError(IllegalStateException.class).rolledBack()}. Fails when
     * the run completes, or stops for another reason (an issue left by an earlier run, the lock).
     *
     * @param tidemark the Tidemark to run
     * @return assertions on how the change failed
     * @throws org.opentest4j.AssertionFailedError when no change failed
     */
    public static ChangeFailureAssert assertRunFails(Tidemark tidemark) {
        RunReport report;
        try {
            report = tidemark.run();
        } catch (ChangeFailedException failure) {
            return assertThat(failure);
        } catch (TidemarkException other) {
            throw Failures.failure("Expected a change to fail, but the run stopped with "
                    + other.getClass().getName() + ": " + other.getMessage());
        }
        throw Failures.failure(
                "Expected a change to fail, but the run completed:" + new RunReportAssert(report).summary());
    }

    /**
     * Names the chain {@code default} in {@code store}: what a Tidemark built without {@code chain(...)} writes.
     *
     * @param store the store holding the chain
     * @return the chain, to assert on
     */
    public static AuditChain chain(AuditStore store) {
        return new AuditChain(store, "default");
    }

    /**
     * Names the chain {@code name} in {@code store}.
     *
     * @param store the store holding the chain
     * @param name  the chain's name, as set with {@code chain(...)} or {@code tidemark.chain}
     * @return the chain, to assert on
     */
    public static AuditChain chain(AuditStore store, String name) {
        return new AuditChain(store, name);
    }

    /**
     * Names the chain {@code tidemark} runs on, with its change units: their recovery settings decide
     * what {@link ChainAssert#hasNoIssues()} counts as an issue, as a run decides.
     *
     * @param tidemark a built Tidemark
     * @return its store, chain and change units, to assert on
     */
    public static AuditChain chain(Tidemark tidemark) {
        return new AuditChain(tidemark.store(), tidemark.chain(), tidemark.changeUnits());
    }

    /**
     * Names the scratch chain of a rehearsal, with its change units (see {@link #chain(Tidemark)}).
     *
     * @param rehearsal the rehearsal
     * @return its store, chain and change units, to assert on
     */
    public static AuditChain chain(Rehearsal rehearsal) {
        return new AuditChain(rehearsal.store(), rehearsal.chain(), rehearsal.changeUnits());
    }
}
