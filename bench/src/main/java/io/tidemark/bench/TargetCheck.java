package io.tidemark.bench;

import io.tidemark.bench.measure.Measurement;
import io.tidemark.tck.RequestCounts;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One target of the benchmark issue, judged on one backend's measurements.
 *
 * @param backend  the backend
 * @param target   what is required
 * @param measured what was measured, in words
 * @param met      whether the measurement meets the target
 */
record TargetCheck(String backend, String target, String measured, boolean met) {

    /** Handover must complete within this long of the release. */
    static final double HANDOVER_LIMIT_MILLIS = 250;

    /** Judges every target that {@code measurements} of {@code backend} cover. */
    static List<TargetCheck> judge(String backend, List<Measurement> measurements) {
        List<TargetCheck> checks = new ArrayList<>();
        for (Measurement m : measurements) {
            if (m.scenario().startsWith("apply-") && m.notes().containsKey("marginalAuditWritesPerChange")) {
                double writes = (double) m.notes().get("marginalAuditWritesPerChange");
                double reads = (double) m.notes().get("marginalAuditReadsPerChange");
                double other = (double) m.notes().get("marginalOtherRequestsPerChange");
                checks.add(new TargetCheck(
                        backend,
                        "per applied change: exactly 2 audit writes, no reads",
                        String.format(
                                Locale.ROOT,
                                "%.3f audit writes, %.3f audit reads, %.3f other requests per "
                                        + "extra change (%s vs %s changes); a run of %d sent %s",
                                writes,
                                reads,
                                other,
                                m.unitsPerRep(),
                                m.notes().get("marginalComparedWith"),
                                m.unitsPerRep(),
                                m.traffic().get(0)),
                        writes == 2.0 && reads == 0.0 && other == 0.0));
            }
        }
        List<Measurement> idle = measurements.stream()
                .filter(m -> m.scenario().startsWith("idle-start-"))
                .toList();
        if (!idle.isEmpty()) {
            long most = idle.stream()
                    .mapToLong(Measurement::maxRequestsPerRep)
                    .max()
                    .orElseThrow();
            checks.add(new TargetCheck(
                    backend,
                    "idle start: at most 2 requests, initialisation included",
                    "at most " + most + " per start over "
                            + idle.stream().mapToInt(m -> m.traffic().size()).sum() + " starts (" + describeIdle(idle)
                            + ")",
                    most <= 2));
            long fewestRecords = idle.stream()
                    .flatMap(m -> m.traffic().stream())
                    .mapToLong(RequestCounts::recordsRead)
                    .min()
                    .orElseThrow();
            long mostRecords = idle.stream()
                    .flatMap(m -> m.traffic().stream())
                    .mapToLong(RequestCounts::recordsRead)
                    .max()
                    .orElseThrow();
            long fewestRequests = idle.stream()
                    .mapToLong(Measurement::minRequestsPerRep)
                    .min()
                    .orElseThrow();
            checks.add(new TargetCheck(
                    backend,
                    "idle start: constant records read and requests, whatever the history",
                    "records read per start from " + fewestRecords + " to " + mostRecords + ", requests from "
                            + fewestRequests + " to " + most + ", over histories of "
                            + idle.stream()
                                    .map(m -> m.scenario().substring("idle-start-".length()))
                                    .toList()
                            + " applied changes",
                    fewestRecords == mostRecords && fewestRequests == most));
        }
        for (Measurement m : measurements) {
            if (m.scenario().equals("handover")) {
                checks.add(new TargetCheck(
                        backend,
                        "handover within 250 ms of release",
                        String.format(
                                Locale.ROOT,
                                "median %.1f ms, p95 %.1f ms, max %.1f ms over %d handovers; a "
                                        + "waiter sent %s requests/s",
                                m.times().median(),
                                m.times().p95(),
                                m.times().max(),
                                m.times().count(),
                                m.notes().get("waiterRequestsPerSecond")),
                        m.times().max() <= HANDOVER_LIMIT_MILLIS));
            }
        }
        return checks;
    }

    private static String describeIdle(List<Measurement> idle) {
        return String.join(
                ", ",
                idle.stream()
                        .map(m -> m.scenario().substring("idle-start-".length()) + ": "
                                + m.traffic().get(0))
                        .toList());
    }
}
