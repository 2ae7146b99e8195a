package io.tidemark.tck.changes;

import io.tidemark.api.ChangeContext;
import io.tidemark.api.ChangeUnit;
import io.tidemark.api.Execution;
import io.tidemark.api.Recovery;
import io.tidemark.api.RollbackExecution;
import java.util.List;

/**
 * The change units the engine contract runs. Their orders exercise version ordering: 1, 2, 10, 10.1
 * run in that order although they sort differently as text.
 */
public final class SampleChanges {

    private SampleChanges() {}

    /** The four plain changes, in the order they must run. */
    public static final List<Class<?>> BASIC =
            List.of(CreateAccounts.class, SeedAccounts.class, AddEmailIndex.class, BackfillEmails.class);

    /** Their ids, in order. */
    public static final List<String> BASIC_IDS =
            List.of("create-accounts", "seed-accounts", "add-email-index", "backfill-emails");

    /** A plain change, order 1. */
    @ChangeUnit(id = "create-accounts", order = "1", author = "tck")
    public static final class CreateAccounts {
        /**
         * Runs the change through its target, which counts it or fails it as told.
         *
         * @param target  the change target, a registered dependency
         * @param context the change's context
         */
        @Execution
        public void apply(ChangeTarget target, ChangeContext context) {
            target.execute(context);
        }
    }

    /** A plain change, order 2. */
    @ChangeUnit(id = "seed-accounts", order = "2", author = "tck")
    public static final class SeedAccounts {
        /**
         * Runs the change through its target, which counts it or fails it as told.
         *
         * @param target  the change target, a registered dependency
         * @param context the change's context
         */
        @Execution
        public void apply(ChangeTarget target, ChangeContext context) {
            target.execute(context);
        }
    }

    /** A plain change, order 10.1: runs after order 10. */
    @ChangeUnit(id = "backfill-emails", order = "10.1", author = "tck")
    public static final class BackfillEmails {
        /**
         * Runs the change through its target, which counts it or fails it as told.
         *
         * @param context the change's context
         * @param target  the change target, a registered dependency
         */
        @Execution
        public void apply(ChangeContext context, ChangeTarget target) {
            target.execute(context);
        }
    }

    /** A plain change, order 10: runs after order 2, although it sorts before it as text. */
    @ChangeUnit(id = "add-email-index", order = "10", author = "tck")
    public static final class AddEmailIndex {
        /**
         * Runs the change through its target, which counts it or fails it as told.
         *
         * @param target  the change target, a registered dependency
         * @param context the change's context
         */
        @Execution
        public void apply(ChangeTarget target, ChangeContext context) {
            target.execute(context);
        }
    }

    /** Fails when told to; has a rollback. */
    @ChangeUnit(id = "with-rollback", order = "20", author = "tck")
    public static final class WithRollback {
        /**
         * Runs the change through its target, which counts it or fails it as told.
         *
         * @param target  the change target, a registered dependency
         * @param context the change's context
         */
        @Execution
        public void apply(ChangeTarget target, ChangeContext context) {
            target.execute(context);
        }

        /**
         * Rolls the change back through its target, which counts it or fails it as told.
         *
         * @param target  the change target, a registered dependency
         * @param context the change's context
         */
        @RollbackExecution
        public void undo(ChangeTarget target, ChangeContext context) {
            target.rollback(context);
        }
    }

    /** Fails when told to; no rollback. */
    @ChangeUnit(id = "without-rollback", order = "21", author = "tck")
    public static final class WithoutRollback {
        /**
         * Runs the change through its target, which counts it or fails it as told.
         *
         * @param target  the change target, a registered dependency
         * @param context the change's context
         */
        @Execution
        public void apply(ChangeTarget target, ChangeContext context) {
            target.execute(context);
        }
    }

    /** May be retried automatically after a crash or failure. */
    @ChangeUnit(id = "retryable", order = "22", author = "tck", recovery = Recovery.RETRY)
    public static final class Retryable {
        /**
         * Runs the change through its target, which counts it or fails it as told.
         *
         * @param target  the change target, a registered dependency
         * @param context the change's context
         */
        @Execution
        public void apply(ChangeTarget target, ChangeContext context) {
            target.execute(context);
        }
    }

    /** Runs after the others; shows that a run stops before later changes. */
    @ChangeUnit(id = "last", order = "30", author = "tck")
    public static final class Last {
        /**
         * Runs the change through its target, which counts it or fails it as told.
         *
         * @param target  the change target, a registered dependency
         * @param context the change's context
         */
        @Execution
        public void apply(ChangeTarget target, ChangeContext context) {
            target.execute(context);
        }
    }
}
