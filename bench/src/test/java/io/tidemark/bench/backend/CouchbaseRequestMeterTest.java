package io.tidemark.bench.backend;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.core.chain.CanonicalEncoding;
import io.tidemark.spi.AuditRecord;
import io.tidemark.spi.AuditState;
import io.tidemark.spi.AuditStore;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The tracer-based count of a Couchbase client agrees with what CouchbaseMock itself received. */
class CouchbaseRequestMeterTest {

    private static CouchbaseBackend backend;
    private static BackendConnection connection;

    @BeforeAll
    static void start() {
        backend = CouchbaseBackend.start();
        connection = backend.connect();
    }

    @AfterAll
    static void stop() {
        connection.close();
        backend.close();
    }

    private static AuditRecord record(String chain, long seq, AuditState state, String previousHash) {
        return CanonicalEncoding.seal(AuditRecord.builder().chain(chain).seq(seq).executionId("run").changeId("c" + seq)
                .order(Long.toString(seq)).state(state).timestamp(Instant.parse("2026-01-01T00:00:00Z"))
                .host("h").instanceId("i").className("C").methodName("apply").previousHash(previousHash).build());
    }

    @Test
    void theTracerClassifiesEveryOperationTheMockReceives() {
        AuditStore store = connection.newStore();
        String chain = "meter-" + System.nanoTime();
        AuditRecord started = record(chain, 1, AuditState.STARTED, AuditRecord.GENESIS_HASH);
        AuditRecord applied = record(chain, 2, AuditState.APPLIED, started.hash());
        AuditRecord checkpoint = record(chain, 3, AuditState.CHECKPOINT, applied.hash());
        Traffic before = connection.meter().snapshot();

        Map<String, Integer> received = backend.server().commandsDuring(() -> {
            store.append(started);
            store.append(applied);
            store.append(checkpoint);
            assertThat(store.history().tip(chain)).contains(checkpoint);
            assertThat(store.lockService().tryAcquire(chain, "me", Duration.ofSeconds(30))).isPresent();
        });
        Traffic counted = connection.meter().snapshot().minus(before);

        // 3 inserts and the checkpoint's hint upsert; the hint get (found: one record) and the missed probe; the lock insert
        assertThat(received).isEqualTo(Map.of("ADD", 4, "SET", 1, "GET", 2));
        assertThat(counted).isEqualTo(new Traffic(4, 2, 1, 0, 1));
    }
}
