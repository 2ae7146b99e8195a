package io.tidemark.mongock.units;

import com.github.cloudyrock.mongock.ChangeLog;
import com.github.cloudyrock.mongock.ChangeSet;
import com.mongodb.client.MongoDatabase;

/**
 * A Mongock 4 change log. Its change set fails, before any effect, where the switch says so; with
 * {@code failFast = false} Mongock records it FAILED and goes on.
 */
@ChangeLog(order = "004")
public class LegacyBackfill {

    @ChangeSet(id = "legacy-backfill", order = "001", author = "carl", failFast = false)
    public void backfill(MongoDatabase database, FailSwitch failSwitch) {
        if (failSwitch.failing("legacy-backfill")) {
            throw new IllegalStateException("backfill source unavailable");
        }
        Effects.add(database, "legacy-backfill", 1);
    }
}
