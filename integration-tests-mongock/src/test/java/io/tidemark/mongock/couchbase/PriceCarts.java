package io.tidemark.mongock.couchbase;

import com.couchbase.client.java.Collection;
import io.mongock.api.annotations.ChangeUnit;
import io.mongock.api.annotations.Execution;
import io.mongock.api.annotations.RollbackExecution;

@ChangeUnit(id = "price-carts", order = "003", author = "bo")
public class PriceCarts {

    @Execution
    public void execute(Collection collection) {
        Counters.add(collection, "price-carts", 1);
    }

    @RollbackExecution
    public void rollback(Collection collection) {
        Counters.add(collection, "price-carts", -1);
    }
}
