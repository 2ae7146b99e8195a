package io.tidemark.examples.quickstart.changes.mongodb;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import io.tidemark.api.ChangeContext;
import io.tidemark.api.ChangeUnit;
import io.tidemark.api.Execution;
import io.tidemark.api.Recovery;
import java.util.List;
import org.bson.Document;

/**
 * Seeds six orders with one ordered {@code bulkWrite} of upserts that only set fields on insert
 * ({@code $setOnInsert}): an order that is already there is left exactly as it is, whatever the
 * application did to it since.
 *
 * <p><b>Not all or nothing, but converging.</b> All-or-nothing writes of several documents need a
 * MongoDB transaction, which needs a replica set; mongo-java-server, the in-process MongoDB the
 * quickstart runs on, has no transactions at all. So an interruption may leave some orders written
 * and others not. The change is idempotent instead (a repeat inserts only what is missing and changes
 * nothing else), and declares {@link Recovery#RETRY}: when a crash leaves it {@code STARTED}, the next
 * start simply runs it again and completes the set, without an operator.
 *
 * <p>It deliberately does not take the MongoDB audit store's {@code ClientSession} either (that
 * commits the change's writes with its {@code APPLIED} record in one transaction, on replica sets):
 * a change unit that takes a store's transaction handle runs only with that store, and the
 * quickstart must run unchanged whichever audit store configuration chooses ({@code tidemark.store}).
 */
@ChangeUnit(
        id = "seed-orders",
        order = "2",
        author = "quickstart",
        description = "six sample orders",
        recovery = Recovery.RETRY)
public class SeedOrders {

    @Execution
    public void seed(MongoDatabase database, ChangeContext context) {
        List<Document> orders = List.of(
                Orders.order("o-1001", "c-ada", "2026-03-01T09:12:00Z", 4_250),
                Orders.order("o-1002", "c-ada", "2026-03-02T17:40:00Z", 1_999),
                Orders.order("o-1003", "c-grace", "2026-03-02T08:05:00Z", 12_000),
                Orders.order("o-1004", "c-linus", "2026-03-03T11:30:00Z", 650),
                Orders.order("o-1005", "c-grace", "2026-03-04T19:55:00Z", 3_100),
                Orders.order("o-1006", "c-ada", "2026-03-05T07:45:00Z", 899));
        List<UpdateOneModel<Document>> upserts = orders.stream()
                .map(order -> new UpdateOneModel<Document>(
                        Filters.eq(Orders.ORDER_ID, order.get(Orders.ORDER_ID)),
                        Updates.combine(order.entrySet().stream()
                                .filter(field -> !field.getKey().equals(Orders.ORDER_ID))
                                .map(field -> Updates.setOnInsert(field.getKey(), field.getValue()))
                                .toList()),
                        new UpdateOptions().upsert(true)))
                .toList();
        database.getCollection(Orders.COLLECTION).bulkWrite(upserts, new BulkWriteOptions().ordered(true));
        context.putMetadata("orders", Integer.toString(orders.size()));
    }
}
