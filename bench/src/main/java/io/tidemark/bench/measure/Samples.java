package io.tidemark.bench.measure;

import java.util.Arrays;
import java.util.List;

/**
 * Measured times of one scenario, in milliseconds, one per repetition (warm-up repetitions are not
 * included). Percentiles are nearest-rank: the p95 of 30 samples is the 29th smallest.
 */
public record Samples(List<Double> millis) {

    public Samples {
        millis = List.copyOf(millis);
        if (millis.isEmpty()) {
            throw new IllegalArgumentException("no samples");
        }
    }

    /** Samples from nanosecond durations. */
    public static Samples ofNanos(long... nanos) {
        return new Samples(Arrays.stream(nanos).mapToObj(n -> n / 1_000_000.0).toList());
    }

    public int count() {
        return millis.size();
    }

    public double median() {
        return percentile(50);
    }

    public double p95() {
        return percentile(95);
    }

    public double min() {
        return sorted()[0];
    }

    public double max() {
        double[] sorted = sorted();
        return sorted[sorted.length - 1];
    }

    /** The nearest-rank {@code p}th percentile. */
    public double percentile(double p) {
        double[] sorted = sorted();
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    private double[] sorted() {
        double[] values = millis.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(values);
        return values;
    }
}
