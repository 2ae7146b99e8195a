package io.tidemark.mongock.units;

import com.mongodb.client.MongoDatabase;
import io.mongock.api.annotations.ChangeUnit;
import io.mongock.api.annotations.Execution;
import io.mongock.api.annotations.RollbackExecution;

@ChangeUnit(id = "create-users", order = "001", author = "ana")
public class CreateUsers {

    @Execution
    public void execute(MongoDatabase database) {
        Effects.add(database, "create-users", 1);
    }

    @RollbackExecution
    public void rollback(MongoDatabase database) {
        Effects.add(database, "create-users", -1);
    }
}
