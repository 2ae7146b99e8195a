package io.tidemark.examples.quickstart.changes.mongodb;

import com.mongodb.MongoCommandException;
import com.mongodb.client.MongoDatabase;
import io.tidemark.api.ChangeContext;
import io.tidemark.api.ChangeUnit;
import io.tidemark.api.Execution;
import java.util.ArrayList;

/**
 * Creates the {@code orders} collection the application stores its orders in. A collection that
 * exists already (created by hand, or by the application's first insert) is accepted as it is, so
 * the change is safe to run again.
 */
@ChangeUnit(
        id = "create-orders-collection",
        order = "1",
        author = "quickstart",
        description = "orders collection, one document per order keyed by the order id")
public class CreateOrdersCollection {

    /** MongoDB's error code for "a collection of that name exists". */
    private static final int NAMESPACE_EXISTS = 48;

    @Execution
    public void createCollection(MongoDatabase database, ChangeContext context) {
        if (exists(database)) {
            context.putMetadata("collection", Orders.COLLECTION + " (existed already)");
            return;
        }
        try {
            database.createCollection(Orders.COLLECTION);
            context.putMetadata("collection", Orders.COLLECTION);
        } catch (MongoCommandException e) {
            if (e.getErrorCode() != NAMESPACE_EXISTS) {
                throw e;
            }
            // Created by the application between the check and here.
            context.putMetadata("collection", Orders.COLLECTION + " (existed already)");
        }
    }

    /** Compared here rather than by a filter on the server: mongo-java-server ignores that filter. */
    private static boolean exists(MongoDatabase database) {
        return database.listCollectionNames().into(new ArrayList<>()).contains(Orders.COLLECTION);
    }
}
