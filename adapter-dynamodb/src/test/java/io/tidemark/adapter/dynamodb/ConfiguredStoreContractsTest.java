package io.tidemark.adapter.dynamodb;

import io.tidemark.adapter.dynamodb.testing.DynamoDbFixture;
import io.tidemark.tck.AuditStoreContract;
import io.tidemark.tck.BackendFixture;
import io.tidemark.tck.ConfiguredStores;
import io.tidemark.tck.EngineContract;
import io.tidemark.tck.LockServiceContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;

/**
 * The store, lock and engine suites against dynalite over HTTP, with every store created by the
 * {@code dynamodb} provider from configuration keys alone (endpoint, region, table prefix, page
 * size): the path a user takes without code.
 */
class ConfiguredStoreContractsTest {

    private static DynamoDbFixture dynamo;
    private static BackendFixture configured;

    @BeforeAll
    static void startServer() {
        dynamo = DynamoDbFixture.startDynalite().withPageSize(25);
        configured = ConfiguredStores.of(dynamo);
    }

    @AfterAll
    static void stopServer() {
        dynamo.close();
    }

    @Nested
    class Store extends AuditStoreContract {
        @Override
        protected BackendFixture fixture() {
            return configured;
        }

        @Override
        protected String namespace() {
            return "server";
        }
    }

    @Nested
    class Locks extends LockServiceContract {
        @Override
        protected BackendFixture fixture() {
            return configured;
        }

        @Override
        protected String namespace() {
            return "server";
        }
    }

    @Nested
    class Engine extends EngineContract {
        @Override
        protected BackendFixture fixture() {
            return configured;
        }

        @Override
        protected String namespace() {
            return "server";
        }
    }
}
