package io.tidemark.test;

import static io.tidemark.test.TidemarkAssertions.assertRunFails;
import static io.tidemark.test.TidemarkAssertions.assertThat;
import static io.tidemark.test.TidemarkAssertions.chain;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tidemark.api.ChangeContext;
import io.tidemark.api.ChangeUnit;
import io.tidemark.api.Execution;
import io.tidemark.api.Recovery;
import io.tidemark.api.RollbackExecution;
import io.tidemark.core.ChangeOutcome;
import io.tidemark.core.RunReport;
import io.tidemark.core.Tidemark;
import io.tidemark.core.TidemarkBuilder;
import io.tidemark.core.error.ChangeFailedException;
import io.tidemark.core.memory.InMemoryAuditStore;
import io.tidemark.spi.AuditState;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.opentest4j.AssertionFailedError;

/** The kit's assertions pass on what holds, and fail with a message that explains what does not. */
@TidemarkTest
class TidemarkAssertionsTest {

    /** What the change units below act on. */
    static final class Shop {
        final List<String> log = new ArrayList<>();
        boolean failPricing;
        boolean failRollback;
    }

    @ChangeUnit(id = "create-products", order = "1", author = "kit")
    public static final class CreateProducts {
        @Execution
        public void apply(Shop shop, ChangeContext context) {
            shop.log.add("products");
            context.putMetadata("collection", "products");
        }
    }

    @ChangeUnit(id = "seed-products", order = "2", author = "kit")
    public static final class SeedProducts {
        @Execution
        public void apply(Shop shop, ChangeContext context) {
            shop.log.add("seed");
            context.putMetadata("products", "6");
        }
    }

    @ChangeUnit(id = "add-prices", order = "3", author = "kit")
    public static final class AddPrices {
        @Execution
        public void apply(Shop shop) {
            if (shop.failPricing) {
                throw new IllegalStateException("no currency for product p-7");
            }
            shop.log.add("prices");
        }

        @RollbackExecution
        public void undo(Shop shop) {
            if (shop.failRollback) {
                throw new UnsupportedOperationException("prices cannot be removed");
            }
            shop.log.add("prices undone");
        }
    }

    /** Retried by the next run when it is left unfinished. */
    @ChangeUnit(id = "retried-import", order = "4", author = "kit", recovery = Recovery.RETRY)
    public static final class RetriedImport {
        @Execution
        public void apply(Shop shop) {
            if (shop.failPricing) {
                throw new IllegalStateException("the import source is offline");
            }
            shop.log.add("imported");
        }
    }

    private final Shop shop = new Shop();

    private Tidemark tidemark(TidemarkBuilder builder) {
        return builder.changeUnits(CreateProducts.class, SeedProducts.class, AddPrices.class)
                .dependency(shop)
                .build();
    }

    private static String failureOf(Executable assertion) {
        return assertThrows(AssertionFailedError.class, assertion).getMessage();
    }

    private static void contains(String message, String... parts) {
        for (String part : parts) {
            assertTrue(message.contains(part), () -> "expected \"" + part + "\" in:\n" + message);
        }
    }

    @Nested
    class OnARunReport {

        @Test
        void appliedInOrderSkippedAndComplete(TidemarkBuilder builder) {
            Tidemark tidemark = tidemark(builder);
            RunReport first = tidemark.run();
            RunReport second = tidemark.run();

            assertThat(first)
                    .applied("create-products", "seed-products", "add-prices")
                    .inOrder()
                    .isComplete()
                    .hasOutcome("seed-products", ChangeOutcome.APPLIED);
            assertThat(first).applied("add-prices", "create-products", "seed-products");
            assertThat(second)
                    .appliedNothing()
                    .nothingToDo()
                    .tookNoLock()
                    .skipped("create-products", "seed-products", "add-prices");
        }

        @Test
        void aMissingChangeIsNamedWithWhatHappenedToIt(TidemarkBuilder builder) {
            shop.failPricing = true;
            RunReport report = assertThrows(
                            ChangeFailedException.class, () -> tidemark(builder).run())
                    .report();

            String message = failureOf(() -> assertThat(report).applied("create-products", "add-prices"));

            contains(
                    message,
                    "Expected the run to apply exactly [create-products, add-prices], but it applied "
                            + "[create-products, seed-products].",
                    "not done: 'add-prices' (ROLLED_BACK: java.lang.IllegalStateException: no currency for product p-7)",
                    "not expected: 'seed-products'",
                    "The run:",
                    "2 applied, 0 already applied, failed: add-prices");
        }

        @Test
        void theWrongOrderIsShown(TidemarkBuilder builder) {
            RunReport report = tidemark(builder).run();

            String message = failureOf(() -> assertThat(report)
                    .applied("seed-products", "create-products", "add-prices")
                    .inOrder());

            contains(
                    message,
                    "Expected the run to apply [seed-products, create-products, add-prices] in this order, "
                            + "but it applied them in the order [create-products, seed-products, add-prices]");
        }

        @Test
        void otherExpectationsFailWithTheRun(TidemarkBuilder builder) {
            Tidemark tidemark = tidemark(builder);
            RunReport first = tidemark.run();
            RunReport second = tidemark.run();

            contains(
                    failureOf(() -> assertThat(first).appliedNothing()),
                    "Expected the run to apply nothing, but it applied [create-products, seed-products, add-prices].");
            contains(failureOf(() -> assertThat(first).nothingToDo()), "Expected the run to find nothing to do");
            contains(failureOf(() -> assertThat(first).tookNoLock()), "but it took it");
            contains(
                    failureOf(() -> assertThat(second).applied("add-prices")),
                    "but it applied none.",
                    "not done: 'add-prices' (ALREADY_APPLIED)");
            contains(
                    failureOf(() -> assertThat(second).hasOutcome("add-prices", ChangeOutcome.APPLIED)),
                    "Expected change 'add-prices' to be APPLIED in the run, but it was ALREADY_APPLIED");
            contains(
                    failureOf(() -> assertThat(second).hasOutcome("no-such-change", ChangeOutcome.APPLIED)),
                    "The run knows no change 'no-such-change'");
            contains(
                    failureOf(() -> assertThat(first).failed("add-prices")),
                    "Expected change 'add-prices' to fail in the run, but no change failed");
            contains(
                    failureOf(() -> assertThat(second).skipped("add-prices")),
                    "Expected the run to skip as already applied exactly [add-prices], but it skipped "
                            + "[create-products, seed-products, add-prices].");
        }
    }

    @Nested
    class OnAFailure {

        @Test
        void theErrorItsMessageAndTheRollbackAreChecked(TidemarkBuilder builder) {
            shop.failPricing = true;
            Tidemark tidemark = tidemark(builder);

            ChangeFailureAssert failure = assertRunFails(tidemark)
                    .withError(IllegalStateException.class)
                    .withError(RuntimeException.class)
                    .withMessageContaining("no currency", "p-7")
                    .rolledBack();

            assertEquals(
                    IllegalStateException.class, failure.error().orElseThrow().getClass());
            assertEquals(List.of("products", "seed", "prices undone"), shop.log);
        }

        @Test
        void aMessageAssertionWithNothingToLookForIsRefused(TidemarkBuilder builder) {
            shop.failPricing = true;
            ChangeFailureAssert failure = assertRunFails(tidemark(builder));

            IllegalArgumentException none =
                    assertThrows(IllegalArgumentException.class, failure::withMessageContaining);
            IllegalArgumentException nullPart = assertThrows(
                    IllegalArgumentException.class, () -> failure.withMessageContaining("no currency", null));

            assertEquals(
                    "withMessageContaining() needs at least one text: with none it checks nothing and passes "
                            + "whatever the error says",
                    none.getMessage());
            contains(nullPart.getMessage(), "was given a null text");
        }

        @Test
        void fromTheReportAloneTheErrorTypeIsMatchedByName(TidemarkBuilder builder) {
            shop.failPricing = true;
            RunReport report = assertThrows(
                            ChangeFailedException.class, () -> tidemark(builder).run())
                    .report();

            assertThat(report)
                    .failed("add-prices")
                    .withError(IllegalStateException.class)
                    .withMessageContaining("p-7")
                    .rolledBack();
            contains(
                    failureOf(() -> assertThat(report).failed("add-prices").withError(RuntimeException.class)),
                    "Expected change 'add-prices' to fail with java.lang.RuntimeException, but it failed with "
                            + "java.lang.IllegalStateException: no currency for product p-7");
            contains(
                    failureOf(() -> assertThat(report).failed("seed-products")),
                    "Expected change 'seed-products' to fail in the run, but 'add-prices' failed: "
                            + "java.lang.IllegalStateException: no currency for product p-7");
        }

        @Test
        void aFailedRollbackIsTold(TidemarkBuilder builder) {
            shop.failPricing = true;
            shop.failRollback = true;

            ChangeFailureAssert failure = assertRunFails(tidemark(builder)).rollbackFailed();

            contains(
                    failureOf(failure::rolledBack),
                    "Expected change 'add-prices' to end ROLLED_BACK, but it ended " + "ROLLBACK_FAILED",
                    "rollback: java.lang.UnsupportedOperationException: prices cannot be removed");
            contains(
                    failureOf(() -> failure.withMessageContaining("p-8")),
                    "Expected the error of change 'add-prices' to contain \"p-8\", but its message is: no currency "
                            + "for product p-7");
            contains(failureOf(failure::withoutRollback), "to end FAILED, but it ended ROLLBACK_FAILED");
        }

        @Test
        void fromTheReportAloneTheRollbacksMessageIsNotTakenForTheChanges(TidemarkBuilder builder) {
            shop.failPricing = true;
            shop.failRollback = true;
            ChangeFailedException thrown = assertThrows(
                    ChangeFailedException.class, () -> tidemark(builder).run());

            // The change threw "no currency for product p-7"; only its rollback said "cannot be removed".
            contains(
                    failureOf(() -> assertThat(thrown).withMessageContaining("cannot be removed")),
                    "its message is: no currency for product p-7");
            contains(
                    failureOf(() -> assertThat(thrown.report())
                            .failed("add-prices")
                            .withMessageContaining("cannot be removed")),
                    "Expected the error of change 'add-prices' to contain \"cannot be removed\", but its message "
                            + "is: no currency for product p-7" + System.lineSeparator());
            assertThat(thrown.report())
                    .failed("add-prices")
                    .withError(IllegalStateException.class)
                    .withMessageContaining("no currency for product p-7")
                    .rollbackFailed();
        }

        @Test
        void aRunThatCompletesIsNotAFailure(TidemarkBuilder builder) {
            contains(
                    failureOf(() -> assertRunFails(tidemark(builder))),
                    "Expected a change to fail, but the run completed:",
                    "3 applied");
        }
    }

    @Nested
    class OnAChain {

        @Test
        void anAppliedAssertionWithNoChangeIdIsRefused(TidemarkBuilder builder, InMemoryAuditStore store) {
            IllegalArgumentException none = assertThrows(
                    IllegalArgumentException.class,
                    () -> assertThat(chain(store)).hasApplied());
            IllegalArgumentException empty = assertThrows(
                    IllegalArgumentException.class,
                    () -> assertThat(chain(store)).hasApplied("add-prices", ""));

            assertEquals(
                    "hasApplied() needs at least one change id: with none it checks nothing and passes whatever "
                            + "the chain holds",
                    none.getMessage());
            contains(empty.getMessage(), "was given an empty change id");
        }

        @Test
        void verifiesAppliedRecordsAndMetadata(TidemarkBuilder builder, InMemoryAuditStore store) {
            Tidemark tidemark = tidemark(builder);
            tidemark.run();

            assertThat(chain(store))
                    .verifies()
                    .hasApplied("create-products", "seed-products", "add-prices")
                    .hasMetadata("seed-products", "products", "6")
                    .hasMetadata("create-products", "collection", "products")
                    .hasRecordsOf("add-prices", AuditState.STARTED, AuditState.APPLIED)
                    .hasNoIssues()
                    .hasRecordCount(7)
                    .hasNoRecordOf("drop-products");
            assertThat(chain(tidemark)).verifies();
            assertThat(chain(store, "other")).hasRecordCount(0).verifies();
        }

        @Test
        void wrongMetadataShowsWhatTheRecordHolds(TidemarkBuilder builder, InMemoryAuditStore store) {
            tidemark(builder).run();

            contains(
                    failureOf(() -> assertThat(chain(store)).hasMetadata("seed-products", "products", "7")),
                    "Expected the APPLIED record of change 'seed-products' (seq 4) to hold products=7, but it holds "
                            + "products=6; its metadata: {products=6}");
            contains(
                    failureOf(() -> assertThat(chain(store)).hasMetadata("seed-products", "rows", "6")),
                    "to hold metadata 'rows', but it does not; its metadata: {products=6}");
            contains(
                    failureOf(() -> assertThat(chain(store)).hasMetadata("drop-products", "rows", "6")),
                    "Expected metadata rows=6 on change 'drop-products', but chain 'default' in in-memory audit store "
                            + "has no APPLIED record of it (nor any other record of it)",
                    "The chain:",
                    "seq 4    APPLIED            seed-products {products=6}",
                    "seq 7    CHECKPOINT");
        }

        @Test
        void aFailedChangeIsNotApplied(TidemarkBuilder builder, InMemoryAuditStore store) {
            shop.failPricing = true;
            shop.failRollback = true;
            assertThrows(ChangeFailedException.class, () -> tidemark(builder).run());

            contains(
                    failureOf(() -> assertThat(chain(store)).hasApplied("add-prices")),
                    "Expected chain 'default' in in-memory audit store to record change 'add-prices' as applied, but "
                            + "its latest record is ROLLBACK_FAILED at seq 7");
            contains(
                    failureOf(() -> assertThat(chain(store)).hasMetadata("add-prices", "x", "y")),
                    "has no APPLIED record of it; its records: STARTED at seq 5, FAILED at seq 6, ROLLBACK_FAILED at "
                            + "seq 7");
            contains(
                    failureOf(() -> assertThat(chain(store)).hasNoIssues()),
                    "to have no unfinished change, but it has 1:",
                    "change 'add-prices' FAILED and its rollback " + "failed too");
            contains(
                    failureOf(() -> assertThat(chain(store))
                            .hasRecordsOf("add-prices", AuditState.STARTED, AuditState.APPLIED)),
                    "to be [STARTED, APPLIED], but they are [STARTED, FAILED, ROLLBACK_FAILED]");
            contains(failureOf(() -> assertThat(chain(store)).hasRecordCount(3)), "to hold 3 records, but it holds 7");
            contains(
                    failureOf(() -> assertThat(chain(store)).hasNoRecordOf("add-prices")),
                    "to have no record of change 'add-prices', but it has");
        }

        @Test
        void aRetriedChangeLeftFailedIsNoIssueWhenTheChainKnowsItsChangeUnits(
                TidemarkBuilder builder, InMemoryAuditStore store) {
            shop.failPricing = true;
            Tidemark tidemark =
                    builder.changeUnits(RetriedImport.class).dependency(shop).build();
            assertRunFails(tidemark).withoutRollback();

            // The next run retries it by itself: no operator has anything to decide.
            assertTrue(tidemark.plan().issues().isEmpty());
            assertThat(chain(tidemark))
                    .hasNoIssues()
                    .hasRecordsOf("retried-import", AuditState.STARTED, AuditState.FAILED);
            // Named by its store alone, the chain cannot know the change's recovery: it counts as the operator
            // API without change units counts it, and says so.
            contains(
                    failureOf(() -> assertThat(chain(store)).hasNoIssues()),
                    "to have no unfinished change, but it has 1:",
                    "retried-import",
                    "name it with chain(tidemark) to count as a run does");
            shop.failPricing = false;
            assertThat(tidemark.run()).applied("retried-import");
            assertThat(chain(store)).hasNoIssues();
        }

        @Test
        void anEditedRecordBreaksVerification(TidemarkBuilder builder, InMemoryAuditStore store) {
            tidemark(builder).run();
            var records = new ChainAssert(chain(store)).records();
            store.overwrite(records.get(3).toBuilder()
                    .metadata(java.util.Map.of("products", "60"))
                    .build());

            contains(
                    failureOf(() -> assertThat(chain(store)).verifies()),
                    "Expected chain 'default' in in-memory audit store to verify, but it is broken: Audit chain "
                            + "'default' is broken at seq 4 (EDITED)",
                    "seq 4    APPLIED            seed-products " + "{products=60}");
        }
    }
}
