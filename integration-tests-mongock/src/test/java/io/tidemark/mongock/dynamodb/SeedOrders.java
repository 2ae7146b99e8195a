package io.tidemark.mongock.dynamodb;

import com.amazonaws.services.dynamodbv2.AmazonDynamoDB;
import io.mongock.api.annotations.ChangeUnit;
import io.mongock.api.annotations.Execution;
import io.mongock.api.annotations.RollbackExecution;
import io.tidemark.mongock.units.FailSwitch;

/** Fails after its effect where the switch says so; its rollback undoes the effect. */
@ChangeUnit(id = "seed-orders", order = "002", author = "bo")
public class SeedOrders {

    @Execution
    public void execute(AmazonDynamoDB dynamoDb, FailSwitch failSwitch) {
        Counters.add(dynamoDb, "seed-orders", 1);
        if (failSwitch.failing("seed-orders")) {
            throw new IllegalStateException("seed data rejected: order 17 has no customer");
        }
    }

    @RollbackExecution
    public void rollback(AmazonDynamoDB dynamoDb) {
        Counters.add(dynamoDb, "seed-orders", -1);
    }
}
