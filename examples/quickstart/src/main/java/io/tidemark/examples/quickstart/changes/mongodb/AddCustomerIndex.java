package io.tidemark.examples.quickstart.changes.mongodb;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import io.tidemark.api.ChangeContext;
import io.tidemark.api.ChangeUnit;
import io.tidemark.api.Execution;

/**
 * Adds the index {@code byCustomer} on (customerId, placedAt) so the application can list a
 * customer's orders by time. {@code createIndex} with the same keys and name is a no-op when the
 * index exists, so the change is safe to run again. (mongo-java-server accepts the index but answers
 * queries by scanning; a real {@code mongod} builds and uses it.)
 */
@ChangeUnit(
        id = "add-customer-index",
        order = "3",
        author = "quickstart",
        description = "index byCustomer on customerId + placedAt")
public class AddCustomerIndex {

    @Execution
    public void addIndex(MongoDatabase database, ChangeContext context) {
        String name = database.getCollection(Orders.COLLECTION)
                .createIndex(
                        Indexes.ascending(Orders.CUSTOMER_ID, Orders.PLACED_AT),
                        new IndexOptions().name(Orders.BY_CUSTOMER_INDEX));
        context.putMetadata("index", name);
    }
}
