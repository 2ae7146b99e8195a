package io.tidemark.bench.scenario;

import io.tidemark.api.ChangeUnit;
import io.tidemark.api.Execution;
import io.tidemark.bench.backend.Instances;
import io.tidemark.bench.measure.Measurement;
import io.tidemark.bench.measure.Samples;
import io.tidemark.core.RunReport;
import io.tidemark.core.Tidemark;
import io.tidemark.core.TidemarkConfig;
import io.tidemark.spi.Lease;
import io.tidemark.spi.LockService;
import io.tidemark.tck.CountingStore;
import io.tidemark.tck.RequestCounts;
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
 * How long after a holder releases the lock a waiting instance has it. The holder (one instance,
 * the same throughout) takes the lock of a fresh chain; a waiter (a freshly started instance, with a
 * client of its own) starts a real {@code Tidemark.run()} on that chain with one change to apply, and so waits for the lock
 * exactly as the engine does, with the builder's default lock settings (polls from 25 ms backing off
 * to 200 ms, jittered); the holder releases after a random 300 to 700 ms, long enough for the waiter
 * to have backed off to its longest pause, at a random point of its polling cycle. The time measured
 * runs from the moment the holder starts its release to the moment the waiter's successful lock
 * attempt returns ({@link LockWatch} notes it inside the run); what the run does afterwards is not
 * measured.
 *
 * <p>The waiter's requests are counted on its own client (the fixture's counting store), from its
 * first lock attempt to the one that took the lock, which gives the request rate a waiting instance costs the backend: its
 * requests divided by the time it waited. As the waits above are short, many of their polls are the
 * first, faster ones; so one longer wait is measured on its own as well, counting only its requests
 * after the first second: the rate of a waiter that has backed off, which is what a waiting instance
 * costs for as long as it keeps waiting.
 */
public final class Handover {

    private static final Duration LEASE = Duration.ofSeconds(60);
    private static final int MIN_HOLD_MILLIS = 300;
    private static final int MAX_HOLD_MILLIS = 700;
    private static final long BACKED_OFF_AFTER_MILLIS = 1_000;

    /** The one change the waiter's run applies once it has the lock; it does nothing. */
    @ChangeUnit(id = "bench-handover", order = "1", author = "bench")
    public static final class WaitedFor {
        @Execution
        public void apply() {}
    }

    private final Instances instances;
    private final int steadySeconds;
    private final Clock clock;

    /**
     * Handovers between {@code instances}; also measures a waiter that has backed off for
     * {@code steadySeconds} (0: not at all). The engines take time from {@code clock}.
     */
    public Handover(Instances instances, int steadySeconds, Clock clock) {
        this.instances = instances;
        this.steadySeconds = steadySeconds;
        this.clock = clock;
    }

    /** The waiter's run on {@code chain}, its lock attempts watched. */
    private Future<RunReport> startWaiter(ExecutorService waiting, LockWatch watch, String chain, String instance) {
        Tidemark tidemark = Tidemark.builder()
                .auditStore(watch)
                .configuration(TidemarkConfig.of())
                .chain(chain)
                .changeUnits(WaitedFor.class)
                .instanceId(instance)
                .clock(clock)
                .build();
        return waiting.submit(tidemark::run);
    }

    public Measurement run(String backend, int warmups, int reps) {
        try (CountingStore holder = instances.start()) {
            return run(holder.store().lockService(), backend, warmups, reps);
        }
    }

    private Measurement run(LockService holderLocks, String backend, int warmups, int reps) {
        ExecutorService waiting = Executors.newSingleThreadExecutor();
        long[] nanos = new long[reps];
        List<RequestCounts> traffic = new ArrayList<>();
        long waitedNanos = 0;
        double steadyRate;
        try {
            for (int i = 0; i < warmups + reps; i++) {
                String chain = Chains.fresh("handover");
                Lease held = holderLocks
                        .tryAcquire(chain, "bench-holder-" + i, LEASE)
                        .orElseThrow(() -> new IllegalStateException("the holder could not take a free lock"));
                try (LockWatch watch = new LockWatch(instances.start())) {
                    Future<RunReport> run = startWaiter(waiting, watch, chain, "bench-waiter-" + i);
                    Thread.sleep(ThreadLocalRandom.current().nextInt(MIN_HOLD_MILLIS, MAX_HOLD_MILLIS + 1));
                    long releasing = System.nanoTime();
                    holderLocks.release(held);
                    RunReport report = run.get();
                    if (report.applied().size() != 1) {
                        throw new IllegalStateException(
                                "the waiter's run did not apply its change: " + report.summary());
                    }
                    if (i >= warmups) {
                        nanos[i - warmups] = watch.acquiredNanos() - releasing;
                        traffic.add(watch.waitTraffic());
                        waitedNanos += watch.acquiredNanos() - watch.firstAttemptNanos();
                    }
                }
            }
            steadyRate = steadySeconds > 0 ? steadyWaiterRate(holderLocks, waiting) : Double.NaN;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during the handover scenario", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("the waiter failed", e.getCause());
        } finally {
            waiting.shutdownNow();
        }
        long waiterRequests =
                traffic.stream().mapToLong(RequestCounts::requests).sum();
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
    private double steadyWaiterRate(LockService holderLocks, ExecutorService waiting)
            throws InterruptedException, ExecutionException {
        String chain = Chains.fresh("handover-long");
        Lease held = holderLocks
                .tryAcquire(chain, "bench-holder-long", LEASE)
                .orElseThrow(() -> new IllegalStateException("the holder could not take a free lock"));
        try (LockWatch watch = new LockWatch(instances.start())) {
            Future<RunReport> run = startWaiter(waiting, watch, chain, "bench-waiter-long");
            Thread.sleep(BACKED_OFF_AFTER_MILLIS);
            RequestCounts from = watch.counts();
            long start = System.nanoTime();
            Thread.sleep(steadySeconds * 1_000L);
            RequestCounts to = watch.counts();
            double seconds = (System.nanoTime() - start) / 1e9;
            holderLocks.release(held);
            run.get();
            return to.minus(from).requests() / seconds;
        }
    }

    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }
}
