package io.tidemark.core.mongock;

import com.github.cloudyrock.mongock.ChangeLog;
import com.github.cloudyrock.mongock.ChangeSet;
import io.mongock.api.annotations.BeforeExecution;
import io.mongock.api.annotations.ChangeUnit;
import io.mongock.api.annotations.ChangeUnitConstructor;
import io.mongock.api.annotations.Execution;
import io.mongock.api.annotations.RollbackBeforeExecution;
import io.mongock.api.annotations.RollbackExecution;
import io.tidemark.api.ChangeContext;
import io.tidemark.core.memory.InMemoryTransaction;
import io.tidemark.tck.changes.ChangeTarget;

/**
 * Change units written for Mongock (with test stand-ins of its annotations, recognised by name). Each
 * counts its effect in the {@link ChangeTarget} it is given, as a real one changes a database.
 */
final class MongockStyleChanges {

    private MongockStyleChanges() {}

    @ChangeUnit(id = "create-users", order = "001", author = "ana")
    public static class CreateUsers {
        @Execution
        public void execute(ChangeTarget target, ChangeContext context) {
            target.execute(context);
        }

        @RollbackExecution
        public void rollback(ChangeTarget target, ChangeContext context) {
            target.rollback(context);
        }
    }

    @ChangeUnit(id = "index-users", order = "002", author = "ana")
    public static class IndexUsers {
        @BeforeExecution
        public void createCollection(ChangeTarget target, ChangeContext context) {
            target.execute(context);
        }

        @RollbackBeforeExecution
        public void dropCollection(ChangeTarget target, ChangeContext context) {
            target.rollback(context);
        }

        @Execution
        public void execute(ChangeTarget target, ChangeContext context) {
            target.execute(context);
        }

        @RollbackExecution
        public void rollback(ChangeTarget target, ChangeContext context) {
            target.rollback(context);
        }
    }

    /** Mongock compares orders as text: "10" runs before "9". */
    @ChangeUnit(id = "ten", order = "10", author = "ana")
    public static class OrderTen {
        @Execution
        public void execute(ChangeTarget target, ChangeContext context) {
            target.execute(context);
        }
    }

    @ChangeUnit(id = "nine", order = "9", author = "ana")
    public static class OrderNine {
        @Execution
        public void execute(ChangeTarget target, ChangeContext context) {
            target.execute(context);
        }
    }

    /** Same order as {@link OrderNine}: Mongock breaks the tie by class name. */
    @ChangeUnit(id = "nine-too", order = "9", author = "ana")
    public static class AnotherOrderNine {
        @Execution
        public void execute(ChangeTarget target, ChangeContext context) {
            target.execute(context);
        }
    }

    @ChangeLog(order = "003")
    public static class LegacyChangeLog {
        @ChangeSet(id = "legacy-second", order = "002", author = "bo")
        public void second(ChangeTarget target, ChangeContext context) {
            target.execute(context);
        }

        @ChangeSet(id = "legacy-first", order = "001", author = "bo")
        public void first(ChangeTarget target, ChangeContext context) {
            target.execute(context);
        }
    }

    @ChangeUnit(id = "every-start", order = "005", author = "ana", runAlways = true)
    public static class RunsAlways {
        @Execution
        public void execute(ChangeTarget target, ChangeContext context) {
            target.execute(context);
        }
    }

    @ChangeLog
    public static class LegacyRunsAlways {
        @ChangeSet(id = "legacy-every-start", order = "001", author = "bo", runAlways = true)
        public void execute(ChangeTarget target, ChangeContext context) {
            target.execute(context);
        }
    }

    @ChangeUnit(id = "lenient", order = "006", author = "ana", failFast = false)
    public static class NotFailFast {
        @Execution
        public void execute(ChangeTarget target, ChangeContext context) {
            target.execute(context);
        }
    }

    @ChangeUnit(id = "both", order = "007")
    @io.tidemark.api.ChangeUnit(id = "both", order = "007")
    public static class BothAnnotations {
        @Execution
        @io.tidemark.api.Execution
        public void execute() {}
    }

    @ChangeUnit(id = "no-execution", order = "008")
    public static class NoExecution {
        @RollbackExecution
        public void rollback() {}
    }

    @ChangeUnit(id = "chosen-constructor", order = "009", author = "ana")
    public static class ChosenConstructor {
        private final ChangeTarget target;

        public ChosenConstructor(ChangeTarget target, String unused) {
            this.target = target;
        }

        @ChangeUnitConstructor
        public ChosenConstructor(ChangeTarget target) {
            this.target = target;
        }

        @Execution
        public void execute(ChangeContext context) {
            target.execute(context);
        }
    }

    @ChangeUnit(id = "before-in-transaction", order = "010", author = "ana")
    public static class BeforeTakesTransaction {
        @BeforeExecution
        public void before(InMemoryTransaction transaction) {}

        @Execution
        public void execute() {}
    }
}
