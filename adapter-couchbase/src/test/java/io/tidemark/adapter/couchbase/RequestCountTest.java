package io.tidemark.adapter.couchbase;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.adapter.couchbase.testing.CouchbaseMockServer;
import io.tidemark.core.Tidemark;
import io.tidemark.core.TidemarkConfig;
import io.tidemark.spi.AuditRecord;
import io.tidemark.spi.AuditState;
import io.tidemark.tck.MutableClock;
import io.tidemark.tck.TestRecords;
import io.tidemark.tck.changes.ChangeTarget;
import io.tidemark.tck.changes.SampleChanges;
import java.time.Duration;
import java.util.ArrayList;
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
        store = CouchbaseAuditStore.builder(server.cluster(), server.bucket())
                .pageSize(10)
                .clock(MutableClock.atFixedStart())
                .build();
        chain = "count-"
                + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    /** {@code count} applied records closed by a checkpoint, as a completed run leaves a chain; all appended. */
    private List<AuditRecord> appendCompletedRun(int count) {
        List<AuditRecord> records = new ArrayList<>(TestRecords.chain(chain, count));
        records.add(TestRecords.record(
                chain, count + 1, records.get(count - 1).hash(), "", AuditState.CHECKPOINT, "run-1"));
        records.forEach(store::append);
        return records;
    }

    @Test
    void theTipOfAChainWithACurrentHintCostsTwoGets() {
        List<AuditRecord> records = appendCompletedRun(3);

        Map<String, Integer> commands = server.commandsDuring(
                () -> assertThat(store.history().tip(chain)).contains(records.get(3)));

        assertThat(commands).isEqualTo(Map.of("GET", 2));
    }

    @Test
    void anIdleStartOnTheDefaultCollectionCostsTwoRequestsInitializationIncluded() {
        appendCompletedRun(2);
        CouchbaseAuditStore fresh =
                CouchbaseAuditStore.builder(server.cluster(), server.bucket()).build();

        Map<String, Integer> commands = server.commandsDuring(() -> {
            fresh.initialize();
            fresh.history().tip(chain);
        });

        assertThat(commands.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(2);
    }

    @Test
    void appendingTheStartedAndAppliedRecordsOfAChangeIsOneInsertEach() {
        AuditRecord started = TestRecords.record(chain, 1, AuditRecord.GENESIS_HASH, "c", AuditState.STARTED, "run-1");
        AuditRecord applied = TestRecords.record(chain, 2, started.hash(), "c", AuditState.APPLIED, "run-1");
        store.history().tip(chain);

        Map<String, Integer> commands = server.commandsDuring(() -> {
            store.append(started);
            store.append(applied);
        });

        assertThat(commands)
                .as("after reading the chain, as the engine always does before appending")
                .isEqualTo(Map.of("ADD", 2));
    }

    @Test
    void theFirstAppendBeyondTheLeastReservationToAChainTheStoreNeverReadReadsItsHintOnce() {
        List<AuditRecord> records = TestRecords.chain(chain, (int) CouchbaseExecutionHistory.RESERVATION + 1);
        try (CouchbaseAuditStore first =
                CouchbaseAuditStore.builder(server.cluster(), server.bucket()).build()) {
            records.subList(0, (int) CouchbaseExecutionHistory.RESERVATION).forEach(first::append);
        }

        Map<String, Integer> commands = server.commandsDuring(() -> store.append(records.get(records.size() - 1)));

        assertThat(commands)
                .as("the hint read (it reserves up to 128), then the insert")
                .isEqualTo(Map.of("GET", 1, "ADD", 1));
    }

    @Test
    void aRunThatSaysHowFarItAppendsReservesItsSequencesInOneWrite() {
        List<AuditRecord> records = TestRecords.chain(chain, 500);
        store.history().tip(chain);

        Map<String, Integer> commands = server.commandsDuring(() -> {
            store.prepareAppends(chain, 500);
            records.forEach(store::append);
        });

        assertThat(commands).isEqualTo(Map.of("SET", 1, "ADD", records.size()));
        assertThat(store.history().readAll(chain).toList()).containsExactlyElementsOf(records);
    }

    @Test
    void aRunLongerThanTheReservationRaisesItWithWindowsThatDouble() {
        List<AuditRecord> records = TestRecords.chain(chain, 500);
        store.history().tip(chain);

        Map<String, Integer> commands = server.commandsDuring(() -> records.forEach(store::append));

        assertThat(commands)
                .as("inserts, and the reservation raised before seq 65, 193 and 449")
                .isEqualTo(Map.of("ADD", records.size(), "SET", 3));
        assertThat(store.history().readAll(chain).toList()).containsExactlyElementsOf(records);
    }

    @Test
    void appendingARecordThatEndsARunIsOneInsertAndOneHintUpsert() {
        List<AuditRecord> applied = TestRecords.chain(chain, 1);
        applied.forEach(store::append);
        AuditRecord checkpoint =
                TestRecords.record(chain, 2, applied.get(0).hash(), "", AuditState.CHECKPOINT, "run-1");
        AuditRecord failed = TestRecords.record(chain, 3, checkpoint.hash(), "c", AuditState.FAILED, "run-2");

        Map<String, Integer> commands = server.commandsDuring(() -> {
            store.append(checkpoint);
            store.append(failed);
        });

        assertThat(commands).isEqualTo(Map.of("ADD", 2, "SET", 2));
        assertThat(store.history().tip(chain)).contains(failed);
    }

    @Test
    void applyingChangesCostsTwoInsertsPerChangeAndNoReadsPerChange() {
        CouchbaseAuditStore fresh =
                CouchbaseAuditStore.builder(server.cluster(), server.bucket()).build();
        int changes = SampleChanges.BASIC.size();

        Map<String, Integer> commands = server.commandsDuring(() -> assertThat(Tidemark.builder()
                        .auditStore(fresh)
                        .configuration(TidemarkConfig.of())
                        .chain(chain)
                        .changeUnits(SampleChanges.BASIC.toArray(Class<?>[]::new))
                        .dependency(ChangeTarget.class, new ChangeTarget())
                        .build()
                        .run()
                        .applied())
                .hasSize(changes));

        // inserts: 2 per change, the checkpoint, the lock; one hint upsert for the checkpoint; the gets are the
        // fixed cost of a run: the tip before and after taking the lock (2 each on an empty chain), reading what
        // was appended before the run took the lock (the tip, then every key up to the reservation of an empty
        // chain), and the release's read
        assertThat(commands)
                .isEqualTo(Map.of(
                        "ADD",
                        2 * changes + 1 + 1,
                        "SET",
                        1,
                        "GET",
                        2 + 2 + (2 + (int) CouchbaseExecutionHistory.RESERVATION) + 1,
                        "REPLACE",
                        1));
    }

    @Test
    void readingAChainCostsTheTipLookupPlusOneGetPerKeyUpToTheReservation() {
        appendCompletedRun(24);

        Map<String, Integer> commands = server.commandsDuring(
                () -> assertThat(store.history().readAll(chain).count()).isEqualTo(25));

        assertThat(commands).isEqualTo(Map.of("GET", 2 + 25 + (int) CouchbaseExecutionHistory.RESERVATION));
    }

    @Test
    void acquiringAFreeLockIsOneInsert() {
        Map<String, Integer> commands = server.commandsDuring(
                () -> assertThat(store.lockService().tryAcquire(chain, "me", Duration.ofMinutes(1)))
                        .isPresent());

        assertThat(commands).isEqualTo(Map.of("ADD", 1));
    }
}
