package io.tidemark.mongock.couchbase;

import com.couchbase.client.java.Collection;
import io.mongock.api.annotations.ChangeUnit;
import io.mongock.api.annotations.Execution;
import io.mongock.api.annotations.RollbackExecution;

@ChangeUnit(id = "create-carts", order = "001", author = "ana")
public class CreateCarts {

    @Execution
    public void execute(Collection collection) {
        Counters.add(collection, "create-carts", 1);
    }

    @RollbackExecution
    public void rollback(Collection collection) {
        Counters.add(collection, "create-carts", -1);
    }
}
