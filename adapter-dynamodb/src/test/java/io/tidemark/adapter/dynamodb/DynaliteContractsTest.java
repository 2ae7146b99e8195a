package io.tidemark.adapter.dynamodb;

import io.tidemark.adapter.dynamodb.testing.DynamoDbFixture;
import io.tidemark.tck.BackendFixture;
import io.tidemark.tck.ContractSuites;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Every TCK suite against dynalite over HTTP, with the store built in code around the fixture's
 * client and pages of 25 records. dynalite lacks {@code TransactWriteItems}: the transaction suite
 * checks the handle only; commits are checked on moto ({@link MotoContractsTest}).
 */
class DynaliteContractsTest extends ContractSuites {

    private static DynamoDbFixture dynamo;

    @BeforeAll
    static void startDynalite() {
        dynamo = DynamoDbFixture.startDynalite().withPageSize(25);
    }

    @AfterAll
    static void stopDynalite() {
        dynamo.close();
    }

    @Override
    protected BackendFixture fixture() {
        return dynamo;
    }
}
