package io.tidemark.bench.scenario;

import io.tidemark.bench.backend.BackendConnection;
import io.tidemark.bench.backend.Traffic;
import io.tidemark.bench.changes.GeneratedChanges;
import io.tidemark.bench.measure.Measurement;
import io.tidemark.bench.measure.Samples;
import io.tidemark.core.RunReport;
import io.tidemark.core.Tidemark;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Applies {@code n} trivial change units to an empty chain: one whole run of the engine (tip,
 * initialisation, lock, the appends, the checkpoint, release), on a fresh chain and a fresh store
 * object each repetition. The time is that of {@code run()}; building the Tidemark (validating the
 * classes) is not included.
 *
 * <p>What one more applied change costs is measured too, free of the run's fixed costs (tip,
 * initialisation, lock, checkpoint): one extra, unmeasured run applies a tenth as many changes, and
 * the difference in requests between the two runs, divided by the difference in changes, is the
 * marginal cost per change, by kind of request.
 */
public final class ApplyFromScratch {

    private final BackendConnection connection;
    private final GeneratedChanges changes;

    public ApplyFromScratch(BackendConnection connection, GeneratedChanges changes) {
        this.connection = connection;
        this.changes = changes;
    }

    public Measurement run(String backend, int n, int warmups, int reps) {
        long[] nanos = new long[reps];
        List<Traffic> traffic = new ArrayList<>();
        for (int i = 0; i < warmups + reps; i++) {
            Run run = applyAll(n);
            if (i >= warmups) {
                nanos[i - warmups] = run.nanos();
                traffic.add(run.traffic());
            }
        }
        int fewer = Math.max(1, n / 10);
        Map<String, Object> marginal = new LinkedHashMap<>();
        if (fewer < n) {
            Traffic difference = traffic.get(traffic.size() - 1).minus(applyAll(fewer).traffic());
            double changesMore = n - fewer;
            marginal.put("marginalAuditWritesPerChange", difference.auditWrites() / changesMore);
            marginal.put("marginalAuditReadsPerChange", difference.auditReads() / changesMore);
            marginal.put("marginalLockRequestsPerChange", difference.lockRequests() / changesMore);
            marginal.put("marginalOtherRequestsPerChange", difference.otherRequests() / changesMore);
            marginal.put("marginalComparedWith", fewer);
        }
        return new Measurement(backend, "apply-" + n, "change", n, warmups, Samples.ofNanos(nanos), traffic, marginal);
    }

    /** One run: how long {@code run()} took and what it sent. */
    private record Run(long nanos, Traffic traffic) {
    }

    /** Applies the first {@code n} change units to a fresh chain. */
    private Run applyAll(int n) {
        Tidemark tidemark = Chains.tidemark(connection.newStore(), Chains.fresh("apply"), changes.first(n),
                "bench-apply");
        Traffic before = connection.meter().snapshot();
        long start = System.nanoTime();
        RunReport report = tidemark.run();
        long took = System.nanoTime() - start;
        Traffic used = connection.meter().snapshot().minus(before);
        if (report.applied().size() != n) {
            throw new IllegalStateException("expected " + n + " changes applied, the report says " + report.summary());
        }
        return new Run(took, used);
    }
}
