package io.tidemark.core.internal.loading.hidden;

import io.tidemark.api.ChangeContext;
import io.tidemark.api.ChangeUnit;
import io.tidemark.api.Execution;
import io.tidemark.api.RollbackExecution;
import io.tidemark.tck.changes.ChangeTarget;

/** A package-private change unit with a private constructor and private execution and rollback. */
@ChangeUnit(id = "hidden-rolled-back", order = "2")
final class HiddenRolledBack {

    private HiddenRolledBack() {}

    @Execution
    private void apply(ChangeTarget target, ChangeContext context) {
        target.execute(context);
    }

    @RollbackExecution
    private void undo(ChangeTarget target, ChangeContext context) {
        target.rollback(context);
    }
}
