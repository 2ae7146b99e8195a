package io.tidemark.mongock.units;

import com.mongodb.client.MongoDatabase;
import io.mongock.api.annotations.BeforeExecution;
import io.mongock.api.annotations.ChangeUnit;
import io.mongock.api.annotations.Execution;
import io.mongock.api.annotations.RollbackBeforeExecution;
import io.mongock.api.annotations.RollbackExecution;

/** With a before-execution method, which Mongock records as {@code index-users_before}. */
@ChangeUnit(id = "index-users", order = "002", author = "ana")
public class IndexUsers {

    @BeforeExecution
    public void createCollection(MongoDatabase database) {
        Effects.add(database, "index-users_before", 1);
    }

    @RollbackBeforeExecution
    public void dropCollection(MongoDatabase database) {
        Effects.add(database, "index-users_before", -1);
    }

    @Execution
    public void execute(MongoDatabase database) {
        Effects.add(database, "index-users", 1);
    }

    @RollbackExecution
    public void rollback(MongoDatabase database) {
        Effects.add(database, "index-users", -1);
    }
}
