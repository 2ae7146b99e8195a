package io.tidemark.mongock.dynamodb;

import com.amazonaws.services.dynamodbv2.AmazonDynamoDB;
import io.mongock.api.annotations.ChangeUnit;
import io.mongock.api.annotations.Execution;
import io.mongock.api.annotations.RollbackExecution;

/** Written after the switch to Tidemark, still with Mongock's annotations: Mongock never ran it. */
@ChangeUnit(id = "add-status", order = "003", author = "ana")
public class AddStatus {

    @Execution
    public void execute(AmazonDynamoDB dynamoDb) {
        Counters.add(dynamoDb, "add-status", 1);
    }

    @RollbackExecution
    public void rollback(AmazonDynamoDB dynamoDb) {
        Counters.add(dynamoDb, "add-status", -1);
    }
}
