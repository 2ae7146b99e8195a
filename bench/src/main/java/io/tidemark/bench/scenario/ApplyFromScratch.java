package io.tidemark.bench.scenario;

import io.tidemark.bench.backend.Instances;
import io.tidemark.bench.changes.GeneratedChanges;
import io.tidemark.bench.measure.Measurement;
import io.tidemark.bench.measure.Samples;
import io.tidemark.core.RunReport;
import io.tidemark.core.Tidemark;
import io.tidemark.tck.CountingStore;
import io.tidemark.tck.RequestCounts;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Applies {@code n} trivial change units to an empty chain: one whole run of the engine (tip,
 * initialisation, lock, the appends, the checkpoint, release), on a fresh chain and a freshly
 * started instance ({@link Instances#start()}: a store over a client of its own) each repetition. The time is that of {@code run()}; building the Tidemark (validating the
 * classes) is not included.
 *
 * <p>What one more applied change costs is measured too, free of the run's fixed costs (tip,
 * initialisation, lock, checkpoint): one extra, unmeasured run applies a tenth as many changes, and
 * the difference in requests between the two runs, divided by the difference in changes, is the
 * marginal cost per change, by kind of request.
 */
public final class ApplyFromScratch {

    private final Instances instances;
    private final GeneratedChanges changes;

    public ApplyFromScratch(Instances instances, GeneratedChanges changes) {
        this.instances = instances;
        this.changes = changes;
    }

    public Measurement run(String backend, int n, int warmups, int reps) {
        long[] nanos = new long[reps];
        List<RequestCounts> traffic = new ArrayList<>();
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
            RequestCounts difference =
                    traffic.get(traffic.size() - 1).minus(applyAll(fewer).traffic());
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
    private record Run(long nanos, RequestCounts traffic) {}

    /** Applies the first {@code n} change units to a fresh chain. */
    private Run applyAll(int n) {
        try (CountingStore instance = instances.start()) {
            Tidemark tidemark =
                    Chains.tidemark(instance.store(), Chains.fresh("apply"), changes.first(n), "bench-apply");
            RequestCounts before = instance.counts();
            long start = System.nanoTime();
            RunReport report = tidemark.run();
            long took = System.nanoTime() - start;
            RequestCounts used = instance.counts().minus(before);
            if (report.applied().size() != n) {
                throw new IllegalStateException(
                        "expected " + n + " changes applied, the report says " + report.summary());
            }
            return new Run(took, used);
        }
    }
}
