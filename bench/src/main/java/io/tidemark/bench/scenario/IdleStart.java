package io.tidemark.bench.scenario;

import io.tidemark.bench.backend.Instances;
import io.tidemark.bench.changes.GeneratedChanges;
import io.tidemark.bench.changes.HistoryWriter;
import io.tidemark.bench.measure.Measurement;
import io.tidemark.bench.measure.Samples;
import io.tidemark.core.RunReport;
import io.tidemark.core.Tidemark;
import io.tidemark.tck.CountingStore;
import io.tidemark.tck.RequestCounts;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A start with nothing to do over a chain holding the history of {@code n} applied changes, ended
 * by the checkpoint the engine writes after a run. The history is written once (by
 * {@link HistoryWriter}, with the backend's bulk loader); then every repetition is a real start: a
 * freshly started instance ({@link Instances#start()}: a store over a client of its own, nothing
 * remembered from earlier starts), a fresh Tidemark over the same {@code n} change units, and
 * {@code run()}. The time is that of {@code run()}; the requests are everything sent from building
 * the Tidemark to the end of the run.
 */
public final class IdleStart {

    private final Instances instances;
    private final GeneratedChanges changes;
    private final Clock clock;

    /** Idle starts of {@code instances}; the history written first takes its timestamps from {@code clock}. */
    public IdleStart(Instances instances, GeneratedChanges changes, Clock clock) {
        this.instances = instances;
        this.changes = changes;
        this.clock = clock;
    }

    public Measurement run(String backend, int n, int warmups, int reps) {
        String chain = Chains.fresh("idle-" + n);
        Class<?>[] changeUnits = changes.first(n);
        long writeStart = System.nanoTime();
        try (CountingStore writer = instances.start()) {
            new HistoryWriter(writer.store(), instances.loader(writer.store()), clock)
                    .writeApplied(chain, Chains.tidemark(writer.store(), chain, changeUnits, "bench-history"));
        }
        long writeNanos = System.nanoTime() - writeStart;
        long[] nanos = new long[reps];
        long[] buildNanos = new long[reps];
        List<RequestCounts> traffic = new ArrayList<>();
        for (int i = 0; i < warmups + reps; i++) {
            try (CountingStore instance = instances.start()) {
                RequestCounts before = instance.counts();
                long buildStart = System.nanoTime();
                Tidemark tidemark = Chains.tidemark(instance.store(), chain, changeUnits, "bench-idle");
                long start = System.nanoTime();
                RunReport report = tidemark.run();
                long end = System.nanoTime();
                RequestCounts used = instance.counts().minus(before);
                if (!report.nothingToDo() || report.lockAcquired()) {
                    throw new IllegalStateException("expected nothing to do, the report says " + report.summary());
                }
                if (i >= warmups) {
                    nanos[i - warmups] = end - start;
                    buildNanos[i - warmups] = start - buildStart;
                    traffic.add(used);
                }
            }
        }
        return new Measurement(
                backend,
                "idle-start-" + n,
                "start",
                1,
                warmups,
                Samples.ofNanos(nanos),
                traffic,
                Map.of(
                        "historyRecords",
                        2L * n + 1,
                        "historyWriteMillis",
                        writeNanos / 1_000_000,
                        "buildMedianMillis",
                        Samples.ofNanos(buildNanos).median()));
    }
}
