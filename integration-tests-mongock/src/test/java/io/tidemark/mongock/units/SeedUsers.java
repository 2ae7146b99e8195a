package io.tidemark.mongock.units;

import com.mongodb.client.MongoDatabase;
import io.mongock.api.annotations.ChangeUnit;
import io.mongock.api.annotations.Execution;
import io.mongock.api.annotations.RollbackExecution;

/** Fails after its effect where the switch says so; its rollback undoes the effect. */
@ChangeUnit(id = "seed-users", order = "003", author = "bo")
public class SeedUsers {

    @Execution
    public void execute(MongoDatabase database, FailSwitch failSwitch) {
        Effects.add(database, "seed-users", 1);
        if (failSwitch.failing("seed-users")) {
            throw new IllegalStateException("seed data rejected: duplicate user 'ana'");
        }
    }

    @RollbackExecution
    public void rollback(MongoDatabase database) {
        Effects.add(database, "seed-users", -1);
    }
}
