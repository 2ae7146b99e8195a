package io.tidemark.bench.measure;

import io.tidemark.tck.RequestCounts;
import java.util.List;
import java.util.Map;

/**
 * The outcome of one scenario on one backend.
 *
 * @param backend     which backend
 * @param scenario    which scenario, e.g. {@code apply-1000} or {@code idle-start-10000}
 * @param unit        what one repetition is made of, for per-unit figures: {@code change}, {@code start}, ...
 * @param unitsPerRep how many units one repetition has (1,000 changes in {@code apply-1000}, else 1)
 * @param warmups     repetitions run first and not measured
 * @param times       the measured repetitions' times
 * @param traffic     each measured repetition's requests, in order, as the fixture's counting store counted them
 * @param notes       further figures of the scenario (name to number or text), also written to JSON
 */
public record Measurement(
        String backend,
        String scenario,
        String unit,
        int unitsPerRep,
        int warmups,
        Samples times,
        List<RequestCounts> traffic,
        Map<String, Object> notes) {

    public Measurement {
        traffic = List.copyOf(traffic);
        notes = Map.copyOf(notes);
    }

    /** All measured repetitions' traffic together. */
    public RequestCounts totalTraffic() {
        return RequestSums.sum(traffic);
    }

    /** Requests per unit, averaged over the measured repetitions. */
    public double requestsPerUnit() {
        return perUnit(totalTraffic().requests());
    }

    /** Audit records read per unit, averaged over the measured repetitions. */
    public double recordsReadPerUnit() {
        return perUnit(totalTraffic().recordsRead());
    }

    /** The most requests one repetition made. */
    public long maxRequestsPerRep() {
        return traffic.stream().mapToLong(RequestCounts::requests).max().orElse(0);
    }

    /** The fewest requests one repetition made. */
    public long minRequestsPerRep() {
        return traffic.stream().mapToLong(RequestCounts::requests).min().orElse(0);
    }

    /** The median time divided by the units of one repetition. */
    public double medianMillisPerUnit() {
        return times.median() / unitsPerRep;
    }

    /** {@code value} summed over the measured repetitions, per unit. */
    public double perUnit(long value) {
        return (double) value / ((long) traffic.size() * unitsPerRep);
    }
}
