package io.tidemark.adapter.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.adapter.dynamodb.testing.DynaliteServer;
import io.tidemark.spi.Lease;
import io.tidemark.tck.fuzz.LockFuzzer;
import io.tidemark.tck.fuzz.Race;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Many threads racing on one lock key over HTTP against dynalite, each thread with its own client
 * and store as separate instances would have: one holder at a time, fencing tokens strictly
 * growing, no exception from contention.
 */
class LockRaceTest {

    private static final int INSTANCES = 12;

    private static DynaliteServer server;
    private final List<DynamoDbClient> clients = new ArrayList<>();

    @BeforeAll
    static void startServer() {
        server = DynaliteServer.start();
        DynamoDbAuditStore.builder(server.client()).build().initialize();
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @AfterEach
    void closeClients() {
        clients.forEach(DynamoDbClient::close);
    }

    private DynamoDbAuditStore instance() {
        DynamoDbClient client = server.clients().create();
        synchronized (clients) {
            clients.add(client);
        }
        return DynamoDbAuditStore.builder(client).clock(Clock.systemUTC()).build();
    }

    @Test
    void threadsSharingOneStoreNeverHoldTheLockTogether() {
        DynamoDbAuditStore store = instance();

        LockFuzzer.Result result = LockFuzzer.race(store.lockService(), "race-shared", INSTANCES, 15);

        assertThat(result.overlaps()).isZero();
        assertThat(result.acquisitions()).isPositive();
        assertThat(result.tokens()).isSorted().doesNotHaveDuplicates();
        assertThat(store.lockService().inspect("race-shared")).isEmpty();
    }

    @Test
    void instancesWithTheirOwnClientsHaveExactlyOneWinnerForAFreeKey() {
        List<DynamoDbAuditStore> instances = new ArrayList<>();
        for (int i = 0; i < INSTANCES; i++) {
            instances.add(instance());
        }

        List<Optional<Lease>> outcomes = Race.run(
                Race.copies(
                        INSTANCES,
                        index -> instances
                                .get(index)
                                .lockService()
                                .tryAcquire("race-once", "instance-" + index, Duration.ofMinutes(5))),
                Duration.ofMinutes(1));

        List<Lease> winners = outcomes.stream().flatMap(Optional::stream).toList();
        assertThat(winners).hasSize(1);
        assertThat(winners.get(0).token()).isEqualTo(1);
        assertThat(instances.get(0).lockService().inspect("race-once")).contains(winners.get(0));
    }

    @Test
    void instancesTakingTurnsGetStrictlyGrowingTokens() {
        List<DynamoDbAuditStore> instances = new ArrayList<>();
        for (int i = 0; i < INSTANCES; i++) {
            instances.add(instance());
        }
        List<Long> tokens = java.util.Collections.synchronizedList(new ArrayList<>());

        Race.run(
                Race.copies(INSTANCES, index -> {
                    DynamoDbAuditStore mine = instances.get(index);
                    for (int attempt = 0; attempt < 10; attempt++) {
                        Optional<Lease> lease =
                                mine.lockService().tryAcquire("race-turns", "instance-" + index, Duration.ofMinutes(5));
                        if (lease.isPresent()) {
                            tokens.add(lease.get().token());
                            mine.lockService().release(lease.get());
                        }
                    }
                    return null;
                }),
                Duration.ofMinutes(2));

        assertThat(tokens).isNotEmpty().isSorted().doesNotHaveDuplicates();
        assertThat(tokens.stream().mapToLong(Long::longValue).max().orElseThrow())
                .isEqualTo(tokens.size());
        assertThat(instances.get(0).lockService().inspect("race-turns")).isEmpty();
    }
}
