package io.tidemark.mongock.dynamodb;

import com.amazonaws.services.dynamodbv2.AmazonDynamoDB;
import io.mongock.api.annotations.ChangeUnit;
import io.mongock.api.annotations.Execution;
import io.mongock.api.annotations.RollbackExecution;

@ChangeUnit(id = "create-orders", order = "001", author = "ana")
public class CreateOrders {

    @Execution
    public void execute(AmazonDynamoDB dynamoDb) {
        Counters.add(dynamoDb, "create-orders", 1);
    }

    @RollbackExecution
    public void rollback(AmazonDynamoDB dynamoDb) {
        Counters.add(dynamoDb, "create-orders", -1);
    }
}
