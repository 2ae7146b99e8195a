package io.tidemark.core.internal.loading.hidden;

import io.tidemark.api.ChangeContext;
import io.tidemark.api.ChangeUnit;
import io.tidemark.api.Execution;
import io.tidemark.tck.changes.ChangeTarget;

/** A package-private change unit with a package-private constructor and a private execution. */
@ChangeUnit(id = "hidden-applied", order = "1")
final class HiddenApplied {

    private final ChangeTarget target;

    HiddenApplied(ChangeTarget target) {
        this.target = target;
    }

    @Execution
    private void apply(ChangeContext context) {
        target.execute(context);
    }
}
