package io.tidemark.adapter.mongodb;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import io.tidemark.adapter.mongodb.testing.EmbeddedMongoServer;
import io.tidemark.spi.Lease;
import io.tidemark.spi.LockService;
import io.tidemark.tck.MutableClock;
import io.tidemark.tck.fuzz.LockFuzzer;
import io.tidemark.tck.fuzz.Race;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Many threads racing on one lock key through the one findOneAndUpdate-with-upsert: contended
 * upserts come back from the server as duplicate keys and must read as "held", never as an error
 * or a second winner. Expiry is moved by the clock, never waited for.
 */
class LockRaceTest {

    private static final String DATABASE = "lock_races";
    private static final Duration LEASE = Duration.ofSeconds(30);

    private static EmbeddedMongoServer mongo;
    private MutableClock clock;
    private LockService locks;
    private String key;

    @BeforeAll
    static void startServer() {
        mongo = EmbeddedMongoServer.start();
    }

    @AfterAll
    static void stopServer() {
        mongo.close();
    }

    @BeforeEach
    void openLocks() {
        clock = MutableClock.atFixedStart();
        locks = lockService(mongo.client());
        key = "race-" + System.nanoTime();
    }

    private LockService lockService(MongoClient client) {
        return MongoAuditStore.builder(client, DATABASE).clock(clock).build().lockService();
    }

    @Test
    void sixteenOwnersRacingRepeatedlyNeverOverlapAndTokensOnlyGrow() {
        LockFuzzer.Result result = LockFuzzer.race(locks, key, 16, 20);

        assertThat(result.overlaps()).isZero();
        assertThat(result.acquisitions()).isPositive();
        assertThat(result.tokens()).isSorted().doesNotHaveDuplicates();
        assertThat(result.tokens().get(result.tokens().size() - 1)).isEqualTo(result.acquisitions());
        assertThat(locks.inspect(key)).isEmpty();
    }

    @Test
    void everyRaceForAnAbsentKeyHasExactlyOneWinnerWithTheFirstToken() {
        for (int round = 0; round < 15; round++) {
            String fresh = key + "-" + round;

            List<Lease> winners = LockFuzzer.raceOnce(locks, fresh, 12);

            assertThat(winners)
                    .as("round %d", round)
                    .singleElement()
                    .satisfies(lease -> assertThat(lease.token()).isEqualTo(1));
            assertThat(locks.inspect(fresh)).contains(winners.get(0));
        }
    }

    @Test
    void aRaceForAnExpiredLeaseHasExactlyOneWinner() {
        Lease dead = locks.tryAcquire(key, "dead-instance", LEASE).orElseThrow();
        clock.advance(LEASE.plusSeconds(1));

        List<Lease> winners = LockFuzzer.raceOnce(locks, key, 12);

        assertThat(winners).singleElement().satisfies(lease -> {
            assertThat(lease.token()).isEqualTo(dead.token() + 1);
            assertThat(lease.owner()).isNotEqualTo("dead-instance");
        });
        assertThat(locks.inspect(key)).contains(winners.get(0));
    }

    @Test
    void instancesWithTheirOwnClientsRacingHaveExactlyOneWinner() {
        List<MongoClient> clients = new ArrayList<>();
        try {
            for (int i = 0; i < 6; i++) {
                clients.add(mongo.newClient());
            }
            List<LockService> instances =
                    clients.stream().map(this::lockService).toList();

            List<Optional<Lease>> outcomes = Race.run(
                    Race.copies(
                            instances.size(),
                            index -> instances.get(index).tryAcquire(key, "instance-" + index, LEASE)),
                    Duration.ofMinutes(1));

            assertThat(outcomes.stream().flatMap(Optional::stream).toList()).hasSize(1);
        } finally {
            clients.forEach(MongoClient::close);
        }
    }
}
