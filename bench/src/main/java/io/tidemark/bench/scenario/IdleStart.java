package io.tidemark.bench.scenario;

import io.tidemark.bench.backend.BackendConnection;
import io.tidemark.bench.backend.Traffic;
import io.tidemark.bench.changes.GeneratedChanges;
import io.tidemark.bench.changes.HistoryWriter;
import io.tidemark.bench.measure.Measurement;
import io.tidemark.bench.measure.Samples;
import io.tidemark.core.RunReport;
import io.tidemark.core.Tidemark;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A start with nothing to do over a chain holding the history of {@code n} applied changes, ended
 * by the checkpoint the engine writes after a run. The history is written once (by
 * {@link HistoryWriter}, with the backend's bulk loader); then every repetition is a real start: a
 * fresh store object, a fresh Tidemark over the same {@code n} change units, and {@code run()}.
 * The time is that of {@code run()}; the requests are everything sent from building the store to
 * the end of the run.
 */
public final class IdleStart {

    private final BackendConnection connection;
    private final GeneratedChanges changes;
    private final Clock clock;

    /** Idle starts over {@code connection}; the history written first takes its timestamps from {@code clock}. */
    public IdleStart(BackendConnection connection, GeneratedChanges changes, Clock clock) {
        this.connection = connection;
        this.changes = changes;
        this.clock = clock;
    }

    public Measurement run(String backend, int n, int warmups, int reps) {
        String chain = Chains.fresh("idle-" + n);
        Class<?>[] changeUnits = changes.first(n);
        long writeStart = System.nanoTime();
        new HistoryWriter(connection.newStore(), connection.loader(), clock).writeApplied(chain,
                Chains.tidemark(connection.newStore(), chain, changeUnits, "bench-history"));
        long writeNanos = System.nanoTime() - writeStart;
        long[] nanos = new long[reps];
        long[] buildNanos = new long[reps];
        List<Traffic> traffic = new ArrayList<>();
        for (int i = 0; i < warmups + reps; i++) {
            Traffic before = connection.meter().snapshot();
            long buildStart = System.nanoTime();
            Tidemark tidemark = Chains.tidemark(connection.newStore(), chain, changeUnits, "bench-idle");
            long start = System.nanoTime();
            RunReport report = tidemark.run();
            long end = System.nanoTime();
            Traffic used = connection.meter().snapshot().minus(before);
            if (!report.nothingToDo() || report.lockAcquired()) {
                throw new IllegalStateException("expected nothing to do, the report says " + report.summary());
            }
            if (i >= warmups) {
                nanos[i - warmups] = end - start;
                buildNanos[i - warmups] = start - buildStart;
                traffic.add(used);
            }
        }
        return new Measurement(backend, "idle-start-" + n, "start", 1, warmups, Samples.ofNanos(nanos), traffic,
                Map.of("historyRecords", 2L * n + 1,
                        "historyWriteMillis", writeNanos / 1_000_000,
                        "buildMedianMillis", Samples.ofNanos(buildNanos).median()));
    }
}
