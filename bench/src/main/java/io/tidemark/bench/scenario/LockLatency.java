package io.tidemark.bench.scenario;

import io.tidemark.bench.backend.Instances;
import io.tidemark.bench.measure.Measurement;
import io.tidemark.bench.measure.Samples;
import io.tidemark.spi.AuditStore;
import io.tidemark.spi.Lease;
import io.tidemark.spi.LockService;
import io.tidemark.tck.CountingStore;
import io.tidemark.tck.RequestCounts;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Latency of each lock operation through the adapter's {@link LockService}: acquire a free lock,
 * extend it, release it, on one key, many times. The key is the same every cycle, as a chain's key
 * is from one run to the next, so after the first (warm-up) cycle every acquisition takes over a
 * released lock rather than creating it; each cycle's owner is new, as each run's is.
 */
public final class LockLatency {

    private static final Duration LEASE = Duration.ofSeconds(60);

    private final Instances instances;

    public LockLatency(Instances instances) {
        this.instances = instances;
    }

    /** One instance makes every call, on one key. */
    public List<Measurement> run(String backend, int warmups, int reps) {
        try (CountingStore instance = instances.start()) {
            return run(instance, backend, warmups, reps);
        }
    }

    private static List<Measurement> run(CountingStore instance, String backend, int warmups, int reps) {
        AuditStore store = instance.store();
        store.initialize();
        LockService locks = store.lockService();
        String key = Chains.fresh("lock");
        long[][] nanos = new long[3][reps];
        List<List<RequestCounts>> traffic = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        for (int i = 0; i < warmups + reps; i++) {
            RequestCounts t0 = instance.counts();
            long n0 = System.nanoTime();
            Lease lease = locks.tryAcquire(key, "bench-owner-" + i, LEASE)
                    .orElseThrow(() -> new IllegalStateException("a released lock could not be acquired"));
            long n1 = System.nanoTime();
            RequestCounts t1 = instance.counts();
            Lease extended = locks.extend(lease, LEASE)
                    .orElseThrow(() -> new IllegalStateException("the holder could not extend its lease"));
            long n2 = System.nanoTime();
            RequestCounts t2 = instance.counts();
            locks.release(extended);
            long n3 = System.nanoTime();
            RequestCounts t3 = instance.counts();
            if (i >= warmups) {
                int at = i - warmups;
                nanos[0][at] = n1 - n0;
                nanos[1][at] = n2 - n1;
                nanos[2][at] = n3 - n2;
                traffic.get(0).add(t1.minus(t0));
                traffic.get(1).add(t2.minus(t1));
                traffic.get(2).add(t3.minus(t2));
            }
        }
        List<String> operations = List.of("lock-acquire", "lock-extend", "lock-release");
        List<Measurement> measurements = new ArrayList<>();
        for (int op = 0; op < 3; op++) {
            measurements.add(new Measurement(
                    backend,
                    operations.get(op),
                    "op",
                    1,
                    warmups,
                    Samples.ofNanos(nanos[op]),
                    traffic.get(op),
                    Map.of()));
        }
        return measurements;
    }
}
