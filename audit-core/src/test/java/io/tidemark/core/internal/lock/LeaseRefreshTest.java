package io.tidemark.core.internal.lock;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.api.ChangeUnit;
import io.tidemark.api.Execution;
import io.tidemark.core.RunReport;
import io.tidemark.core.Tidemark;
import io.tidemark.core.TidemarkConfig;
import io.tidemark.core.memory.InMemoryAuditStore;
import io.tidemark.spi.Lease;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The background refresher keeps the lease of a long-running change alive. Runs on the real clock
 * with a short lease; the change waits until it observes an extension (with a deadline), so the test
 * does not depend on a fixed sleep.
 */
class LeaseRefreshTest {

    static final AtomicReference<InMemoryAuditStore> STORE = new AtomicReference<>();
    static final AtomicReference<Instant> FIRST_EXPIRY = new AtomicReference<>();
    static final AtomicReference<Instant> EXTENDED_EXPIRY = new AtomicReference<>();

    @ChangeUnit(id = "long-running", order = "1")
    public static final class LongRunning {
        @Execution
        public void apply() throws InterruptedException {
            Lease first = STORE.get().lockService().inspect("default").orElseThrow();
            FIRST_EXPIRY.set(first.expiresAt());
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (System.nanoTime() < deadline) {
                Lease now = STORE.get().lockService().inspect("default").orElseThrow();
                if (now.expiresAt().isAfter(first.expiresAt())) {
                    EXTENDED_EXPIRY.set(now.expiresAt());
                    return;
                }
                Thread.sleep(20);
            }
            throw new IllegalStateException("the lease was not extended within 10 s");
        }
    }

    @Test
    void aLongRunningChangeKeepsItsLease() {
        InMemoryAuditStore store = new InMemoryAuditStore(Clock.systemUTC());
        STORE.set(store);

        RunReport report = Tidemark.builder()
                .auditStore(store)
                .configuration(TidemarkConfig.of())
                .changeUnits(LongRunning.class)
                .leaseDuration(Duration.ofMillis(600))
                .build()
                .run();

        assertThat(report.applied()).hasSize(1);
        assertThat(EXTENDED_EXPIRY.get()).isAfter(FIRST_EXPIRY.get());
        assertThat(store.lockService().inspect("default")).isEmpty();
    }
}
