package io.tidemark.core.mongock.scanned;

import com.github.cloudyrock.mongock.ChangeLog;
import com.github.cloudyrock.mongock.ChangeSet;
import io.tidemark.api.ChangeContext;
import io.tidemark.tck.changes.ChangeTarget;

/** Found by scanning its package, as a Mongock 4 change log. */
@ChangeLog(order = "002")
public class ScannedLegacyChangeLog {
    @ChangeSet(id = "scanned-legacy", order = "001", author = "bo")
    public void execute(ChangeTarget target, ChangeContext context) {
        target.execute(context);
    }
}
