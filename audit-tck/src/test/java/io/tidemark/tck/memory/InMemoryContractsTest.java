package io.tidemark.tck.memory;

import io.tidemark.tck.BackendFixture;
import io.tidemark.tck.ContractSuites;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** Every TCK suite against the in-memory reference store of the core. */
class InMemoryContractsTest extends ContractSuites {

    private static InMemoryFixture fixture;

    @BeforeAll
    static void start() {
        fixture = new InMemoryFixture();
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    @Override
    protected BackendFixture fixture() {
        return fixture;
    }
}
