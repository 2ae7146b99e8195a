package io.tidemark.bench.scenario;

import io.tidemark.bench.backend.Instances;
import io.tidemark.bench.changes.GeneratedChanges;
import io.tidemark.bench.measure.Measurement;
import io.tidemark.bench.measure.RequestSums;
import io.tidemark.bench.measure.Samples;
import io.tidemark.core.RunReport;
import io.tidemark.core.Tidemark;
import io.tidemark.tck.CountingStore;
import io.tidemark.tck.RequestCounts;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Several instances, each with its own client, start together on an empty chain with the same
 * change units: one applies them all while the others wait for the lock, then find nothing left.
 * Each repetition uses a fresh chain and freshly started instances ({@link Instances#start()});
 * the Tidemarks are built before the start signal. The time runs from the signal until the last
 * instance's {@code run()} returns; the requests are all instances' together.
 */
public final class ConcurrentStart {

    private final Instances instances;
    private final int count;
    private final GeneratedChanges changes;

    /** {@code count} instances of {@code instances} at a time. */
    public ConcurrentStart(Instances instances, int count, GeneratedChanges changes) {
        if (count < 1) {
            throw new IllegalArgumentException("at least one instance, not " + count);
        }
        this.instances = instances;
        this.count = count;
        this.changes = changes;
    }

    public Measurement run(String backend, int n, int warmups, int reps) {
        ExecutorService threads = Executors.newFixedThreadPool(count);
        long[] nanos = new long[reps];
        List<RequestCounts> traffic = new ArrayList<>();
        try {
            for (int i = 0; i < warmups + reps; i++) {
                List<CountingStore> started = new ArrayList<>();
                try {
                    for (int k = 0; k < count; k++) {
                        started.add(instances.start());
                    }
                    Together together = runTogether(started, n, threads);
                    if (i >= warmups) {
                        nanos[i - warmups] = together.nanos();
                        traffic.add(together.traffic());
                    }
                } finally {
                    started.forEach(CountingStore::close);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while instances ran", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("an instance failed", e.getCause());
        } finally {
            threads.shutdownNow();
        }
        return new Measurement(
                backend,
                count + "-instances-" + n,
                "run",
                1,
                warmups,
                Samples.ofNanos(nanos),
                traffic,
                Map.of("instances", count, "changes", n));
    }

    /** One repetition: how long until the last run returned, and what all instances sent. */
    private record Together(long nanos, RequestCounts traffic) {}

    /** The first {@code n} change units run by each of {@code started} on a fresh chain, all released at once. */
    private Together runTogether(List<CountingStore> started, int n, ExecutorService threads)
            throws InterruptedException, ExecutionException {
        String chain = Chains.fresh("together");
        List<Tidemark> tidemarks = new ArrayList<>();
        for (int k = 0; k < started.size(); k++) {
            tidemarks.add(Chains.tidemark(started.get(k).store(), chain, changes.first(n), "bench-instance-" + k));
        }
        RequestCounts before = total(started);
        CountDownLatch ready = new CountDownLatch(started.size());
        CountDownLatch go = new CountDownLatch(1);
        List<Future<RunReport>> runs = new ArrayList<>();
        for (Tidemark tidemark : tidemarks) {
            runs.add(threads.submit(() -> {
                ready.countDown();
                go.await();
                return tidemark.run();
            }));
        }
        ready.await();
        long start = System.nanoTime();
        go.countDown();
        int applied = 0;
        int appliers = 0;
        for (Future<RunReport> run : runs) {
            int each = run.get().applied().size();
            applied += each;
            appliers += each > 0 ? 1 : 0;
        }
        long took = System.nanoTime() - start;
        RequestCounts used = total(started).minus(before);
        if (applied != n || appliers != 1) {
            throw new IllegalStateException("expected one instance to apply all " + n + " changes, but " + appliers
                    + " instances applied " + applied);
        }
        return new Together(took, used);
    }

    private static RequestCounts total(List<CountingStore> started) {
        return RequestSums.sum(started.stream().map(CountingStore::counts).toList());
    }
}
