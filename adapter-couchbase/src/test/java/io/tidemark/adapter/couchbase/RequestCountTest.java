package io.tidemark.adapter.couchbase;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.adapter.couchbase.testing.CouchbaseMockServer;
import io.tidemark.core.model.AuditRecord;
import io.tidemark.tck.MutableClock;
import io.tidemark.tck.TestRecords;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** How many key-value requests each operation costs, counted by the mock itself. */
class RequestCountTest {

    private static CouchbaseMockServer server;

    private CouchbaseAuditStore store;
    private String chain;

    @BeforeAll
    static void startMock() {
        server = CouchbaseMockServer.shared();
    }

    @BeforeEach
    void openStore() {
        store = CouchbaseAuditStore.builder(server.cluster(), server.bucket()).pageSize(10)
                .clock(MutableClock.atFixedStart()).build();
        chain = "count-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    @Test
    void theTipOfAChainWithACurrentHintCostsTwoGets() {
        List<AuditRecord> records = TestRecords.chain(chain, 3);
        records.forEach(store::append);

        Map<String, Integer> commands = server.commandsDuring(() ->
                assertThat(store.history().tip(chain)).contains(records.get(2)));

        assertThat(commands).isEqualTo(Map.of("GET", 2));
    }

    @Test
    void anIdleStartOnTheDefaultCollectionCostsTwoRequestsInitializationIncluded() {
        TestRecords.chain(chain, 2).forEach(store::append);
        CouchbaseAuditStore fresh = CouchbaseAuditStore.builder(server.cluster(), server.bucket()).build();

        Map<String, Integer> commands = server.commandsDuring(() -> {
            fresh.initialize();
            fresh.history().tip(chain);
        });

        assertThat(commands.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(2);
    }

    @Test
    void anAppendIsOneInsertAndOneHintUpsert() {
        AuditRecord first = TestRecords.applied(chain, 1, AuditRecord.GENESIS_HASH);

        Map<String, Integer> commands = server.commandsDuring(() -> store.append(first));

        assertThat(commands).isEqualTo(Map.of("ADD", 1, "SET", 1));
    }

    @Test
    void readingAChainCostsTheTipLookupPlusOneGetPerRecord() {
        TestRecords.chain(chain, 25).forEach(store::append);

        Map<String, Integer> commands = server.commandsDuring(() ->
                assertThat(store.history().readAll(chain).count()).isEqualTo(25));

        assertThat(commands).isEqualTo(Map.of("GET", 2 + 25));
    }

    @Test
    void acquiringAFreeLockIsOneInsert() {
        Map<String, Integer> commands = server.commandsDuring(() ->
                assertThat(store.lockService().tryAcquire(chain, "me", Duration.ofMinutes(1))).isPresent());

        assertThat(commands).isEqualTo(Map.of("ADD", 1));
    }
}
