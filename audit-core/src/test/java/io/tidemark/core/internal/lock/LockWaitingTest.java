package io.tidemark.core.internal.lock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tidemark.core.error.StoreUnavailableException;
import io.tidemark.core.memory.InMemoryAuditStore;
import io.tidemark.core.testing.MutableClock;
import io.tidemark.spi.Lease;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How a waiting instance polls: bounded pauses, bounded request rate, quick handover. */
class LockWaitingTest {

    private final MutableClock clock = MutableClock.atFixedStart();
    private final InMemoryAuditStore store = new InMemoryAuditStore(clock);
    private final List<Duration> pauses = new ArrayList<>();

    @Test
    void pausesStartShortAndNeverExceedTheMaximum() {
        Lease holder = store.lockService()
                .tryAcquire("k", "holder", Duration.ofSeconds(10))
                .orElseThrow();
        LockAcquirer waiter = new LockAcquirer(store.lockService(), LockPolicy.DEFAULT, clock, pause -> {
            pauses.add(pause);
            clock.advance(pause);
        });

        Lease lease = waiter.acquire("k", "waiter");

        assertThat(lease.token()).isGreaterThan(holder.token());
        assertThat(pauses.get(0)).isLessThanOrEqualTo(LockPolicy.DEFAULT.minPoll());
        assertThat(pauses).allSatisfy(p -> assertThat(p).isLessThanOrEqualTo(LockPolicy.DEFAULT.maxPoll()));
    }

    @Test
    void aWaiterCostsAtMostAboutSevenRequestsPerSecond() {
        store.lockService().tryAcquire("k", "holder", Duration.ofSeconds(60)).orElseThrow();
        long before = store.requestCount();
        LockAcquirer waiter = new LockAcquirer(store.lockService(), LockPolicy.DEFAULT, clock, clock::advance);

        waiter.acquire("k", "waiter");

        long requests = store.requestCount() - before;
        long bound = 60_000 / (LockPolicy.DEFAULT.maxPoll().toMillis() * 3 / 4) + 10;
        assertThat(requests).isBetween(60_000 / LockPolicy.DEFAULT.maxPoll().toMillis(), bound);
    }

    @Test
    void aWaiterTakesOverWithinOnePollOfTheRelease() {
        Lease holder = store.lockService()
                .tryAcquire("k", "holder", Duration.ofMinutes(10))
                .orElseThrow();
        java.time.Instant[] releasedAt = new java.time.Instant[1];
        LockAcquirer waiter = new LockAcquirer(store.lockService(), LockPolicy.DEFAULT, clock, pause -> {
            clock.advance(pause);
            if (releasedAt[0] == null && pauses.size() == 20) {
                store.lockService().release(holder);
                releasedAt[0] = clock.instant();
            }
            pauses.add(pause);
        });

        waiter.acquire("k", "waiter");

        assertThat(Duration.between(releasedAt[0], clock.instant())).isLessThanOrEqualTo(LockPolicy.DEFAULT.maxPoll());
    }

    @Test
    void aStoreThatFailsForAWhileDuringTheWaitIsWaitedOut() {
        Lease holder = store.lockService()
                .tryAcquire("k", "holder", Duration.ofSeconds(5))
                .orElseThrow();
        LockAcquirer waiter = new LockAcquirer(store.lockService(), LockPolicy.DEFAULT, clock, pause -> {
            clock.advance(pause);
            store.setUnavailable(clock.instant().isBefore(holder.expiresAt().plusSeconds(2)));
        });

        Lease lease = waiter.acquire("k", "waiter");

        assertThat(lease.owner()).isEqualTo("waiter");
    }

    @Test
    void aStoreStillFailingAtTheTimeoutIsReportedAsUnavailableNotAsAHeldLock() {
        store.lockService().tryAcquire("k", "holder", Duration.ofMinutes(10)).orElseThrow();
        LockAcquirer waiter = new LockAcquirer(
                store.lockService(), LockPolicy.DEFAULT.withTimeout(Duration.ofSeconds(30)), clock, pause -> {
                    clock.advance(pause);
                    store.setUnavailable(true);
                });

        assertThatThrownBy(() -> waiter.acquire("k", "waiter"))
                .isInstanceOf(StoreUnavailableException.class)
                .hasMessageContaining("simulated outage");
    }
}
