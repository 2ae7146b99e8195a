package io.tidemark.bench.scenario;

import io.tidemark.bench.backend.BackendConnection;
import io.tidemark.bench.backend.Traffic;
import io.tidemark.bench.changes.GeneratedChanges;
import io.tidemark.bench.measure.Measurement;
import io.tidemark.bench.measure.Samples;
import io.tidemark.core.RunReport;
import io.tidemark.core.Tidemark;
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
 * Each repetition uses a fresh chain and fresh store objects; the Tidemarks are built before the
 * start signal. The time runs from the signal until the last instance's {@code run()} returns.
 */
public final class ConcurrentStart {

    private final List<BackendConnection> instances;
    private final GeneratedChanges changes;

    /** One connection per instance. */
    public ConcurrentStart(List<BackendConnection> instances, GeneratedChanges changes) {
        this.instances = List.copyOf(instances);
        this.changes = changes;
    }

    public Measurement run(String backend, int n, int warmups, int reps) {
        ExecutorService threads = Executors.newFixedThreadPool(instances.size());
        long[] nanos = new long[reps];
        List<Traffic> traffic = new ArrayList<>();
        try {
            for (int i = 0; i < warmups + reps; i++) {
                String chain = Chains.fresh("together");
                List<Tidemark> tidemarks = new ArrayList<>();
                for (int k = 0; k < instances.size(); k++) {
                    tidemarks.add(Chains.tidemark(instances.get(k).newStore(), chain, changes.first(n),
                            "bench-instance-" + k));
                }
                Traffic before = total();
                CountDownLatch ready = new CountDownLatch(instances.size());
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
                    int count = run.get().applied().size();
                    applied += count;
                    appliers += count > 0 ? 1 : 0;
                }
                long took = System.nanoTime() - start;
                Traffic used = total().minus(before);
                if (applied != n || appliers != 1) {
                    throw new IllegalStateException("expected one instance to apply all " + n + " changes, but "
                            + appliers + " instances applied " + applied);
                }
                if (i >= warmups) {
                    nanos[i - warmups] = took;
                    traffic.add(used);
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
        return new Measurement(backend, instances.size() + "-instances-" + n, "run", 1, warmups,
                Samples.ofNanos(nanos), traffic, Map.of("instances", instances.size(), "changes", n));
    }

    private Traffic total() {
        return instances.stream().map(c -> c.meter().snapshot()).reduce(Traffic.NONE, Traffic::plus);
    }
}
