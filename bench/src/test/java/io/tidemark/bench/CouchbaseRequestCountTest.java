package io.tidemark.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.couchbase.client.core.msg.kv.DurabilityLevel;
import io.tidemark.adapter.couchbase.testing.CouchbaseFixture;
import io.tidemark.adapter.couchbase.testing.CouchbaseMockServer;
import io.tidemark.core.chain.CanonicalEncoding;
import io.tidemark.spi.AuditRecord;
import io.tidemark.spi.AuditState;
import io.tidemark.spi.AuditStore;
import io.tidemark.tck.CountingStore;
import io.tidemark.tck.RequestCounts;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Couchbase figures of the benchmark are counted at the client, by the fixture's request tracer;
 * this checks that they agree with what CouchbaseMock itself received (its command log knows opcodes,
 * not keys, so it cannot classify them, but it counts the same operations).
 */
class CouchbaseRequestCountTest {

    private static CouchbaseMockServer mock;
    private static CouchbaseFixture fixture;

    @BeforeAll
    static void start() {
        mock = CouchbaseMockServer.start();
        fixture = CouchbaseFixture.over(
                mock.cluster(),
                new CouchbaseFixture.Server(
                        mock.connectionString(),
                        mock.username(),
                        mock.password(),
                        mock.bucket(),
                        "_default",
                        "_default",
                        DurabilityLevel.NONE),
                "CouchbaseMock at " + mock.connectionString());
    }

    @AfterAll
    static void stop() {
        fixture.close();
        mock.close();
    }

    private static AuditRecord record(String chain, long seq, AuditState state, String previousHash) {
        return CanonicalEncoding.seal(AuditRecord.builder()
                .chain(chain)
                .seq(seq)
                .executionId("run")
                .changeId("c" + seq)
                .order(Long.toString(seq))
                .state(state)
                .timestamp(Instant.parse("2026-01-01T00:00:00Z"))
                .host("h")
                .instanceId("i")
                .className("C")
                .methodName("apply")
                .previousHash(previousHash)
                .build());
    }

    @Test
    void theCountingStoreClassifiesEveryOperationTheMockReceives() {
        try (CountingStore counted = fixture.openCountingStore("meter", Clock.systemUTC())) {
            AuditStore store = counted.store();
            String chain = "meter-" + System.nanoTime();
            AuditRecord started = record(chain, 1, AuditState.STARTED, AuditRecord.GENESIS_HASH);
            AuditRecord applied = record(chain, 2, AuditState.APPLIED, started.hash());
            AuditRecord checkpoint = record(chain, 3, AuditState.CHECKPOINT, applied.hash());
            RequestCounts before = counted.counts();

            Map<String, Integer> received = mock.commandsDuring(() -> {
                store.append(started);
                store.append(applied);
                store.append(checkpoint);
                assertThat(store.history().tip(chain)).contains(checkpoint);
                assertThat(store.lockService().tryAcquire(chain, "me", Duration.ofSeconds(30)))
                        .isPresent();
            });
            RequestCounts sent = counted.counts().minus(before);

            // 3 inserts and the checkpoint's hint upsert; the hint get (found: one record) and the missed probe; the
            // lock insert
            assertThat(received).isEqualTo(Map.of("ADD", 4, "SET", 1, "GET", 2));
            assertThat(sent).isEqualTo(new RequestCounts(2, 4, 1, 0, 1));
        }
    }
}
