package io.tidemark.adapter.dynamodb;

import io.tidemark.adapter.dynamodb.testing.DynamoDbFixture;
import io.tidemark.adapter.dynamodb.testing.MotoContainer;
import io.tidemark.tck.BackendFixture;
import io.tidemark.tck.ContractSuites;
import org.junit.jupiter.api.AfterAll;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * Every TCK suite against moto's server ({@code motoserver/moto}) over HTTP, through
 * Testcontainers: the same suites as {@link DynaliteContractsTest}, on a second, independent
 * emulator, which also commits transactions. Skipped where no Docker engine is available.
 */
@Testcontainers(disabledWithoutDocker = true)
class MotoContractsTest extends ContractSuites {

    @Container
    private static final MotoContainer DYNAMODB = new MotoContainer();

    private static DynamoDbFixture fixture;

    @Override
    protected synchronized BackendFixture fixture() {
        if (fixture == null) {
            fixture = DynamoDbFixture.over(
                            DYNAMODB.clients(),
                            "moto " + MotoContainer.IMAGE.getVersionPart() + " at " + DYNAMODB.endpoint(),
                            true,
                            () -> {})
                    .withPageSize(25);
        }
        return fixture;
    }

    @AfterAll
    static synchronized void closeFixture() {
        if (fixture != null) {
            fixture.close();
            fixture = null;
        }
    }
}
