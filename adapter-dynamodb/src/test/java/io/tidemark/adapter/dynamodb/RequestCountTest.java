package io.tidemark.adapter.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.adapter.dynamodb.testing.DynaliteServer;
import io.tidemark.adapter.dynamodb.testing.RequestLog;
import io.tidemark.spi.AuditRecord;
import io.tidemark.tck.MutableClock;
import io.tidemark.tck.TestRecords;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Which requests the store sends, counted on the wire by a client of dynalite: tables are
 * described once per store instance, the tip is one request, and every lock operation is one
 * request. What an idle start and an applied change cost is the TCK's {@code RequestCountContract},
 * run by {@link DynaliteContractsTest}.
 */
class RequestCountTest {

    private static DynaliteServer server;
    private final RequestLog requests = new RequestLog();
    private DynamoDbClient client;
    private final MutableClock clock = MutableClock.atFixedStart();
    private String chain;

    @BeforeAll
    static void startServer() {
        server = DynaliteServer.start();
        DynamoDbAuditStore.builder(server.client()).build().initialize();
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @BeforeEach
    void countingClient() {
        client = server.clients().create(o -> o.addExecutionInterceptor(requests));
        chain = "count-" + Long.toHexString(System.nanoTime());
    }

    @AfterEach
    void closeClient() {
        client.close();
    }

    private DynamoDbAuditStore store() {
        return DynamoDbAuditStore.builder(client).clock(clock).build();
    }

    @Test
    void initializeDescribesEachTableOnceAndThenCostsNothing() {
        DynamoDbAuditStore store = store();

        store.initialize();
        store.initialize();
        store.append(TestRecords.applied(chain, 1, AuditRecord.GENESIS_HASH));
        store.initialize();

        assertThat(requests.operations()).containsExactly("DescribeTable", "DescribeTable", "PutItem");
    }

    @Test
    void theTipIsOneQuery() {
        DynamoDbAuditStore store = store();
        store.append(TestRecords.applied(chain, 1, AuditRecord.GENESIS_HASH));
        requests.clear();

        assertThat(store.history().tip(chain)).isPresent();

        assertThat(requests.operations()).containsExactly("Query");
    }

    @Test
    void eachLockOperationIsOneRequest() {
        DynamoDbAuditStore store = store();

        var lease = store.lockService()
                .tryAcquire(chain, "me", Duration.ofMinutes(1))
                .orElseThrow();
        store.lockService().extend(lease, Duration.ofMinutes(2));
        store.lockService().inspect(chain);
        store.lockService().release(lease);

        assertThat(requests.operations()).containsExactly("UpdateItem", "UpdateItem", "GetItem", "UpdateItem");
    }
}
