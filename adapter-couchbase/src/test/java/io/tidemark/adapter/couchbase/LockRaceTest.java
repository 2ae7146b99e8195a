package io.tidemark.adapter.couchbase;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.adapter.couchbase.testing.CouchbaseMockServer;
import io.tidemark.spi.Lease;
import io.tidemark.spi.LockService;
import io.tidemark.tck.MutableClock;
import io.tidemark.tck.fuzz.LockFuzzer;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Many threads racing on one lock document: CAS conflicts are contention, never errors or overlaps. */
class LockRaceTest {

    private static final int OWNERS = 16;

    private static CouchbaseMockServer server;

    private MutableClock clock;
    private CouchbaseAuditStore store;
    private LockService locks;
    private String key;

    @BeforeAll
    static void startMock() {
        server = CouchbaseMockServer.shared();
    }

    @BeforeEach
    void openStore() {
        clock = MutableClock.atFixedStart();
        store = CouchbaseAuditStore.builder(server.cluster(), server.bucket())
                .clock(clock)
                .build();
        locks = store.lockService();
        key = "race-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    @Test
    void manyOwnersAcquiringAndReleasingNeverOverlap() {
        LockFuzzer.Result result = LockFuzzer.race(locks, key, OWNERS, 20);

        assertThat(result.overlaps()).isZero();
        assertThat(result.acquisitions()).isPositive();
        assertThat(result.tokens()).isSorted().doesNotHaveDuplicates();
        assertThat(locks.inspect(key)).isEmpty();
    }

    @Test
    void manyOwnersRacingForAFreeKeyHaveOneWinner() {
        List<Lease> winners = LockFuzzer.raceOnce(locks, key, OWNERS);

        assertThat(winners).hasSize(1);
        assertThat(winners.get(0).token()).isEqualTo(1);
        assertThat(locks.inspect(key)).contains(winners.get(0));
    }

    @Test
    void manyOwnersRacingForAnExpiredLeaseHaveOneWinnerWithTheNextToken() {
        Lease dead =
                locks.tryAcquire(key, "dead-instance", Duration.ofSeconds(30)).orElseThrow();
        clock.advance(Duration.ofSeconds(31));

        List<Lease> winners = LockFuzzer.raceOnce(locks, key, OWNERS);

        assertThat(winners).hasSize(1);
        assertThat(winners.get(0).token()).isEqualTo(dead.token() + 1);
        assertThat(locks.inspect(key)).contains(winners.get(0));
        assertThat(locks.extend(dead, Duration.ofSeconds(30))).isEmpty();
    }

    @Test
    void storesOfSeparateInstancesShareTheLock() {
        try (CouchbaseAuditStore other = CouchbaseAuditStore.builder(server.cluster(), server.bucket())
                .clock(clock)
                .build()) {
            Lease mine =
                    locks.tryAcquire(key, "instance-a", Duration.ofMinutes(1)).orElseThrow();

            assertThat(other.lockService().tryAcquire(key, "instance-b", Duration.ofMinutes(1)))
                    .isEmpty();
            assertThat(other.lockService().inspect(key)).contains(mine);
            locks.release(mine);
            assertThat(other.lockService().tryAcquire(key, "instance-b", Duration.ofMinutes(1)))
                    .hasValueSatisfying(lease -> assertThat(lease.token()).isEqualTo(mine.token() + 1));
        }
    }
}
