package io.tidemark.mongock.units;

import com.mongodb.client.MongoDatabase;
import io.mongock.api.annotations.ChangeUnit;
import io.mongock.api.annotations.Execution;
import io.mongock.api.annotations.RollbackExecution;

/** Written after the switch to Tidemark, still with Mongock's annotations: Mongock never ran it. */
@ChangeUnit(id = "add-email", order = "005", author = "ana")
public class AddEmail {

    @Execution
    public void execute(MongoDatabase database) {
        Effects.add(database, "add-email", 1);
    }

    @RollbackExecution
    public void rollback(MongoDatabase database) {
        Effects.add(database, "add-email", -1);
    }
}
