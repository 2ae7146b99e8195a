package io.tidemark.bench.scenario;

import io.tidemark.bench.Measurement;
import io.tidemark.bench.Samples;
import io.tidemark.bench.backend.BackendConnection;
import io.tidemark.bench.backend.Traffic;
import io.tidemark.core.lock.LockAcquirer;
import io.tidemark.core.lock.LockPolicy;
import io.tidemark.core.lock.Sleeper;
import io.tidemark.core.model.Lease;
import io.tidemark.core.port.LockService;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How long after a holder releases the lock a waiting instance has it. The holder (one client)
 * takes the lock; a waiter (another client, as another instance would be) starts waiting for it
 * exactly as the engine does, with core's {@link LockAcquirer} and the default
 * {@link LockPolicy} (polls from 25 ms backing off to 200 ms, jittered); the holder releases after a
 * random 300 to 700 ms, long enough for the waiter to have backed off to its longest pause, at a
 * random point of its polling cycle. The time measured runs from the moment the holder starts its
 * release to the moment the waiter's acquisition returns.
 *
 * <p>The waiter's requests are counted on its own client, which gives the request rate a waiting
 * instance costs the backend: its requests divided by the time it waited. As the waits above are
 * short, many of their polls are the first, faster ones; so one longer wait is measured on its own
 * as well, counting only its requests after the first second: the rate of a waiter that has backed
 * off, which is what a waiting instance costs for as long as it keeps waiting.
 */
public final class Handover {

    private static final Duration LEASE = Duration.ofSeconds(60);
    private static final int MIN_HOLD_MILLIS = 300;
    private static final int MAX_HOLD_MILLIS = 700;
    private static final long BACKED_OFF_AFTER_MILLIS = 1_000;

    private final BackendConnection holder;
    private final BackendConnection waiter;
    private final int steadySeconds;

    /** Measures a waiter that has backed off for {@code steadySeconds} (0: not at all). */
    public Handover(BackendConnection holder, BackendConnection waiter, int steadySeconds) {
        this.holder = holder;
        this.waiter = waiter;
        this.steadySeconds = steadySeconds;
    }

    /** What the waiting thread saw. */
    private record Wait(Lease lease, long startedNanos, long acquiredNanos) {
    }

    public Measurement run(String backend, int warmups, int reps) {
        LockService holderLocks = holder.newStore().lockService();
        LockService waiterLocks = waiter.newStore().lockService();
        String key = Chains.fresh("handover");
        LockAcquirer acquirer = new LockAcquirer(waiterLocks, LockPolicy.DEFAULT, Clock.systemUTC(),
                Sleeper.THREAD_SLEEP);
        ExecutorService waiting = Executors.newSingleThreadExecutor();
        long[] nanos = new long[reps];
        List<Traffic> traffic = new ArrayList<>();
        long waitedNanos = 0;
        double steadyRate;
        try {
            for (int i = 0; i < warmups + reps; i++) {
                Lease held = holderLocks.tryAcquire(key, "bench-holder-" + i, LEASE)
                        .orElseThrow(() -> new IllegalStateException("the holder could not take a free lock"));
                Traffic before = waiter.meter().snapshot();
                String owner = "bench-waiter-" + i;
                Future<Wait> wait = waiting.submit(() -> {
                    long started = System.nanoTime();
                    Lease lease = acquirer.acquire(key, owner);
                    return new Wait(lease, started, System.nanoTime());
                });
                Thread.sleep(ThreadLocalRandom.current().nextInt(MIN_HOLD_MILLIS, MAX_HOLD_MILLIS + 1));
                long releasing = System.nanoTime();
                holderLocks.release(held);
                Wait waited = wait.get();
                Traffic used = waiter.meter().snapshot().minus(before);
                waiterLocks.release(waited.lease());
                if (i >= warmups) {
                    nanos[i - warmups] = waited.acquiredNanos() - releasing;
                    traffic.add(used);
                    waitedNanos += waited.acquiredNanos() - waited.startedNanos();
                }
            }
            steadyRate = steadySeconds > 0 ? steadyWaiterRate(holderLocks, acquirer, waiting, key) : Double.NaN;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during the handover scenario", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("the waiter failed", e.getCause());
        } finally {
            waiting.shutdownNow();
        }
        long waiterRequests = traffic.stream().mapToLong(Traffic::requests).sum();
        double waitedSeconds = waitedNanos / 1e9;
        Map<String, Object> notes = new LinkedHashMap<>();
        notes.put("waiterRequestsPerSecond", round(waiterRequests / waitedSeconds));
        notes.put("waiterRequests", waiterRequests);
        notes.put("waitedSeconds", round(waitedSeconds));
        if (!Double.isNaN(steadyRate)) {
            notes.put("waiterBackedOffRequestsPerSecond", round(steadyRate));
        }
        return new Measurement(backend, "handover", "handover", 1, warmups, Samples.ofNanos(nanos), traffic, notes);
    }

    /** Requests per second of a waiter that has waited long enough to poll at its longest pause. */
    private double steadyWaiterRate(LockService holderLocks, LockAcquirer acquirer, ExecutorService waiting, String key)
            throws InterruptedException, ExecutionException {
        Lease held = holderLocks.tryAcquire(key, "bench-holder-long", LEASE)
                .orElseThrow(() -> new IllegalStateException("the holder could not take a free lock"));
        Future<Lease> wait = waiting.submit(() -> acquirer.acquire(key, "bench-waiter-long"));
        Thread.sleep(BACKED_OFF_AFTER_MILLIS);
        Traffic from = waiter.meter().snapshot();
        long start = System.nanoTime();
        Thread.sleep(steadySeconds * 1_000L);
        Traffic to = waiter.meter().snapshot();
        double seconds = (System.nanoTime() - start) / 1e9;
        holderLocks.release(held);
        waiter.newStore().lockService().release(wait.get());
        return to.minus(from).requests() / seconds;
    }

    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }
}
