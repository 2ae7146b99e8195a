package io.tidemark.adapter.dynamodb;

import io.tidemark.adapter.dynamodb.testing.DynaliteServer;
import io.tidemark.core.config.ConfigSource;
import io.tidemark.core.config.TidemarkConfig;
import io.tidemark.core.port.AuditStore;
import io.tidemark.tck.AuditStoreContract;
import io.tidemark.tck.EngineContract;
import io.tidemark.tck.LockServiceContract;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;

/**
 * The store, lock and engine suites against dynalite over HTTP, with every store created by the
 * {@code dynamodb} provider from configuration keys alone (endpoint, region, table prefix, page
 * size): the path a user takes without code.
 */
class ConfiguredStoreContractsTest {

    private static DynaliteServer server;

    @BeforeAll
    static void startServer() {
        server = DynaliteServer.start();
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    private static AuditStore store(Clock clock) {
        Map<String, String> keys = new HashMap<>(server.configuration());
        keys.put(DynamoDbStoreProvider.TABLE_PREFIX, "server_");
        keys.put(DynamoDbStoreProvider.PAGE_SIZE, "25");
        return new DynamoDbStoreProvider().create(TidemarkConfig.of(ConfigSource.of("test configuration", keys)), clock);
    }

    @Nested
    class Store extends AuditStoreContract {
        @Override
        protected AuditStore createStore(Clock clock) {
            return store(clock);
        }
    }

    @Nested
    class Locks extends LockServiceContract {
        @Override
        protected AuditStore createStore(Clock clock) {
            return store(clock);
        }
    }

    @Nested
    class Engine extends EngineContract {
        @Override
        protected AuditStore createStore(Clock clock) {
            return store(clock);
        }
    }
}
