package io.tidemark.core.mongock.scanned;

import io.mongock.api.annotations.ChangeUnit;
import io.mongock.api.annotations.Execution;
import io.tidemark.api.ChangeContext;
import io.tidemark.tck.changes.ChangeTarget;

/** Found by scanning its package, as a Mongock change unit. */
@ChangeUnit(id = "scanned-mongock", order = "001", author = "ana")
public class ScannedMongockUnit {
    @Execution
    public void execute(ChangeTarget target, ChangeContext context) {
        target.execute(context);
    }
}
