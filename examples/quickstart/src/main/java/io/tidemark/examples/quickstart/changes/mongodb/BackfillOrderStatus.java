package io.tidemark.examples.quickstart.changes.mongodb;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import com.mongodb.client.result.UpdateResult;
import io.tidemark.api.ChangeContext;
import io.tidemark.api.ChangeUnit;
import io.tidemark.api.Execution;
import io.tidemark.api.Recovery;

/**
 * Gives every order that has no status the status {@code PLACED}, with one {@code updateMany}
 * filtered on the field being absent. Running it again after an interruption only finishes the job
 * and never overwrites a status the application set: that is why it may declare {@link Recovery#RETRY}.
 */
@ChangeUnit(
        id = "backfill-order-status",
        order = "4",
        author = "quickstart",
        description = "status = PLACED on orders without one",
        recovery = Recovery.RETRY)
public class BackfillOrderStatus {

    @Execution
    public void backfill(MongoDatabase database, ChangeContext context) {
        UpdateResult result = database.getCollection(Orders.COLLECTION)
                .updateMany(Filters.exists(Orders.STATUS, false), Updates.set(Orders.STATUS, "PLACED"));
        context.putMetadata("backfilled", Long.toString(result.getModifiedCount()));
    }
}
