package io.tidemark.bench;

import io.tidemark.adapter.couchbase.testing.CouchbaseFixture;
import io.tidemark.adapter.dynamodb.testing.DynamoDbFixture;
import io.tidemark.adapter.mongodb.testing.MongoFixture;
import io.tidemark.bench.backend.Instances;
import io.tidemark.bench.changes.IndexedChanges;
import io.tidemark.bench.scenario.FreshJvmIdleStart;
import io.tidemark.tck.BackendFixture;
import java.io.PrintStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The scenario "idle start at 100 / 1,000 / 10,000 change units" in fresh JVMs, with and without the
 * index of {@code tidemark-processor} ({@link FreshJvmIdleStart}), side by side, on each backend, with
 * its targets: with the index, 10,000 change units cost at most 1.2 times what 100 cost, and at most
 * 30 ms more than a single change unit (the smallest change set there is). {@link BenchMain} runs it
 * after the other scenarios; this class's {@code main} runs it alone.
 *
 * <p>Settings (system properties): {@code bench.backends} as for the whole benchmark,
 * {@code bench.freshSizes} (default {@code 1,100,1000,10000}; empty skips the scenario),
 * {@code bench.freshWarmups} (default 1) and {@code bench.freshReps} (default 5) starts of each path.
 */
public final class IndexedIdleStartBench {

    private static final Clock CLOCK = Clock.systemUTC();
    private static final String NAMESPACE = "bench";
    private static final Map<String, Supplier<BackendFixture>> BACKENDS = new LinkedHashMap<>();

    static {
        BACKENDS.put("dynamodb", DynamoDbFixture::startDynalite);
        BACKENDS.put("mongodb", MongoFixture::startEmbedded);
        BACKENDS.put("couchbase", CouchbaseFixture::startMock);
    }

    private IndexedIdleStartBench() {
    }

    /** Runs the scenario alone. */
    public static void main(String[] args) {
        int status = 0;
        try {
            System.out.println("Tidemark benchmark (idle start in fresh JVMs) on " + MachineInfo.current());
            run(System.out);
        } catch (RuntimeException e) {
            e.printStackTrace();
            status = 1;
        }
        System.exit(status);
    }

    /** Runs the scenario on every configured backend and prints its table and targets to {@code out}. */
    static List<TargetCheck> run(PrintStream out) {
        List<Integer> sizes = Arrays.stream(System.getProperty("bench.freshSizes", "1,100,1000,10000").split(","))
                .map(String::trim).filter(s -> !s.isEmpty()).map(Integer::valueOf).toList();
        if (sizes.isEmpty()) {
            return List.of();
        }
        int warmups = Integer.parseInt(System.getProperty("bench.freshWarmups", "1").trim());
        int reps = Integer.parseInt(System.getProperty("bench.freshReps", "5").trim());
        List<String> backends = Arrays.stream(System.getProperty("bench.backends", "dynamodb,mongodb,couchbase")
                .split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
        List<IndexedChanges> sets = new ArrayList<>();
        List<FreshJvmIdleStart.Result> results = new ArrayList<>();
        try {
            for (int size : sizes) {
                long start = System.nanoTime();
                sets.add(IndexedChanges.compile(size));
                out.printf(Locale.ROOT, "Compiled %d change units with the processor in %d ms%n", size,
                        (System.nanoTime() - start) / 1_000_000);
            }
            for (String name : backends) {
                try (BackendFixture fixture = BACKENDS.get(name).get()) {
                    out.println("== " + name + ": " + fixture.describe());
                    FreshJvmIdleStart scenario = new FreshJvmIdleStart(new Instances(fixture, NAMESPACE, CLOCK), CLOCK,
                            warmups, reps);
                    for (IndexedChanges set : sets) {
                        FreshJvmIdleStart.Result result = scenario.run(set);
                        out.printf(Locale.ROOT, "   idle start of %,d in a fresh JVM: %.1f ms scanning, %.1f ms indexed%n",
                                set.size(), result.scanned().median(), result.indexed().median());
                        results.add(result);
                    }
                }
            }
        } finally {
            sets.forEach(IndexedChanges::close);
        }
        List<TargetCheck> checks = judge(results, backends);
        print(out, results, checks, reps);
        return checks;
    }

    private static List<TargetCheck> judge(List<FreshJvmIdleStart.Result> results, List<String> backends) {
        List<TargetCheck> checks = new ArrayList<>();
        for (String backend : backends) {
            double[] indexed = new double[3];
            for (FreshJvmIdleStart.Result r : results) {
                if (r.backend().equals(backend)) {
                    int slot = r.changeUnits() == 1 ? 0 : r.changeUnits() == 100 ? 1 : r.changeUnits() == 10_000 ? 2 : -1;
                    if (slot >= 0) {
                        indexed[slot] = r.indexed().median();
                    }
                }
            }
            if (indexed[1] > 0 && indexed[2] > 0) {
                checks.add(new TargetCheck(backend, "with the index, 10,000 change units cost at most 1.2 x 100",
                        String.format(Locale.ROOT, "%.1f ms vs %.1f ms (%.2f x)", indexed[2], indexed[1],
                                indexed[2] / indexed[1]), indexed[2] <= 1.2 * indexed[1]));
            }
            if (indexed[0] > 0 && indexed[2] > 0) {
                checks.add(new TargetCheck(backend, "with the index, 10,000 change units cost at most 30 ms over one",
                        String.format(Locale.ROOT, "%.1f ms vs %.1f ms (+%.1f ms)", indexed[2], indexed[0],
                                indexed[2] - indexed[0]), indexed[2] - indexed[0] <= 30));
            }
        }
        return checks;
    }

    private static void print(PrintStream out, List<FreshJvmIdleStart.Result> results, List<TargetCheck> checks,
            int reps) {
        out.println();
        out.printf(Locale.ROOT, "Idle start in a fresh JVM: build() + run(), median of %d starts, ms (build() alone); "
                + "change-unit classes loaded%n", reps);
        String row = "%-10s %7s | %10s %10s %7s | %10s %10s %7s | %7s%n";
        out.printf(Locale.ROOT, row, "backend", "units", "scanning", "(build)", "loaded", "indexed", "(build)", "loaded",
                "ratio");
        for (FreshJvmIdleStart.Result r : results) {
            out.printf(Locale.ROOT, row, r.backend(), String.format(Locale.ROOT, "%,d", r.changeUnits()),
                    millis(r.scanned().median()), "(" + millis(r.scannedBuild().median()) + ")", r.scannedLoaded(),
                    millis(r.indexed().median()), "(" + millis(r.indexedBuild().median()) + ")", r.indexedLoaded(),
                    String.format(Locale.ROOT, "%.2f", r.scanned().median() / r.indexed().median()));
        }
        out.println();
        out.println("Targets (idle start in a fresh JVM):");
        for (TargetCheck check : checks) {
            out.printf(Locale.ROOT, "  [%s] %-9s %s: %s%n", check.met() ? "met" : "NOT MET", check.backend(),
                    check.target(), check.measured());
        }
    }

    private static String millis(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }
}
