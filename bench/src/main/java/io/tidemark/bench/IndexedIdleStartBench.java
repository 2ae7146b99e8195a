package io.tidemark.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.tidemark.bench.backend.BenchServers;
import io.tidemark.bench.backend.Instances;
import io.tidemark.bench.changes.IndexedChanges;
import io.tidemark.bench.scenario.FreshJvmIdleStart;
import io.tidemark.tck.BackendFixture;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToDoubleFunction;

/**
 * The scenario "idle start at 100 / 1,000 / 10,000 change units" of issue 20: {@code build()} plus
 * {@code run()} in fresh JVMs ({@link FreshJvmIdleStart}), with and without the index of
 * {@code tidemark-processor}, side by side, on each backend, with the targets: with the index,
 * the largest size costs at most 1.2 times what 100 change units cost, and at most 30 ms more than the
 * smallest change set measured (one change unit: {@code build()} refuses an empty change set, so one
 * unit is the nearest thing to "an empty change set" that can be started).
 *
 * <p>The totals are the measure and are judged as such. Beside them the table shows the indexed
 * path's warm read of the chain's tip (the store's own time for the one read an idle {@code run()}
 * sends, see {@link FreshJvmIdleStart.Result#indexedTipRead()}) and the indexed total without it, and the
 * same two targets are judged on that difference too, labelled {@value #WITHOUT_TIP_READ}: on
 * mongo-java-server, which sorts the whole chain to answer that read, the total grows with the history
 * for a reason that is the test server's, not Tidemark's (a real MongoDB answers from its index).
 *
 * <p>The sizes are measured interleaved, round by round ({@link FreshJvmIdleStart#schedule}), not one
 * after the other: the targets compare sizes, and load from elsewhere on a shared machine must fall on
 * every size alike.
 *
 * <p>Not part of {@link BenchMain}: a fresh JVM per start makes it slow (about
 * {@code sizes x backends x (warm-ups + reps) x 2} JVMs), so it has its own command:
 * {@value #COMMAND}.
 * Settings are system properties, passed with {@code -Dbench.jvmArgs="..."}: {@code bench.backends}
 * (default all three), {@code bench.freshSizes} (default {@code 1,100,1000,10000}),
 * {@code bench.freshWarmups} (default 1) and {@code bench.freshReps} (default 7), and
 * {@code bench.freshLayout}: {@code directory}, {@code jar} or {@code both} (the default): how the change
 * units' class files are put on the fresh JVMs' class path, a directory (the core checks the index
 * against one file time per class file) or a jar (one pass over the jar's central directory), each judged
 * on its own; {@code bench.freshBeforeCore}: another build of {@code tidemark-audit-core} (its classes directory or
 * jar) whose scanning path is measured too, start by start, as "before", and
 * {@code bench.freshJvmArgs}: extra options of the fresh JVMs (a flight recording, for instance). The
 * properties of {@link BenchServers} run it on a server of one's own instead of an embedded one.
 */
public final class IndexedIdleStartBench {

    /** The documented command, written into the JSON. */
    static final String COMMAND = "mvn -B -q -pl bench -am -P bench -DskipTests verify "
            + "-Dbench.main=io.tidemark.bench.IndexedIdleStartBench -Dbench.output=target/bench-fresh-idle-start.json";

    private static final Clock CLOCK = Clock.systemUTC();
    private static final String NAMESPACE = "bench";
    /**
     * What to measure.
     *
     * @param backends backends, in order
     * @param sizes    change-unit counts, in order
     * @param warmups  unmeasured starts of each path per size (the file system's caches)
     * @param reps     measured starts of each path per size (the median is reported)
     * @param layouts  how the change units are on the class path, in order (each one measured and judged)
     */
    record Settings(
            List<String> backends, List<Integer> sizes, int warmups, int reps, List<FreshJvmIdleStart.Layout> layouts) {

        Settings {
            backends = List.copyOf(backends);
            sizes = List.copyOf(sizes);
            layouts = List.copyOf(layouts);
            if (layouts.isEmpty()) {
                throw new IllegalArgumentException("bench.freshLayout needs directory, jar or both");
            }
            BenchServers.requireKnown(backends);
            if (sizes.isEmpty() || sizes.stream().anyMatch(size -> size < 1)) {
                throw new IllegalArgumentException("bench.freshSizes needs one or more change-unit counts of at least "
                        + "1, comma-separated; got " + sizes);
            }
            if (warmups < 0 || reps < 1) {
                throw new IllegalArgumentException(
                        "bench.freshWarmups must be 0 or more and bench.freshReps 1 or more; " + "got " + warmups
                                + " and " + reps);
            }
        }

        /** The sizes on every backend, from system properties where given. */
        static Settings standard() {
            return new Settings(
                    list("bench.backends", "dynamodb,mongodb,couchbase"),
                    list("bench.freshSizes", "1,100,1000,10000").stream()
                            .map(Integer::valueOf)
                            .toList(),
                    Integer.parseInt(
                            System.getProperty("bench.freshWarmups", "1").trim()),
                    Integer.parseInt(System.getProperty("bench.freshReps", "7").trim()),
                    layouts(System.getProperty("bench.freshLayout", "both")));
        }

        /** The layouts named by {@code bench.freshLayout}: {@code directory}, {@code jar} or {@code both}. */
        static List<FreshJvmIdleStart.Layout> layouts(String value) {
            return switch (value.trim().toLowerCase(Locale.ROOT)) {
                case "directory" -> List.of(FreshJvmIdleStart.Layout.DIRECTORY);
                case "jar" -> List.of(FreshJvmIdleStart.Layout.JAR);
                case "both" -> List.of(FreshJvmIdleStart.Layout.DIRECTORY, FreshJvmIdleStart.Layout.JAR);
                default ->
                    throw new IllegalArgumentException(
                            "bench.freshLayout must be directory, jar or both; got '" + value + "'");
            };
        }

        private static List<String> list(String key, String fallback) {
            return Arrays.stream(System.getProperty(key, fallback).split(","))
                    .map(String::trim)
                    .filter(s -> !s.isEmpty())
                    .toList();
        }
    }

    private IndexedIdleStartBench() {}

    /**
     * Runs the scenario and writes its JSON to {@code args[0]} (default
     * {@code bench-fresh-idle-start.json}). Exits 0 when it ran to the end, whether or not the targets
     * were met (the table says), and 1 when it could not run.
     *
     * @param args the JSON file, optionally
     */
    public static void main(String[] args) {
        Path output = Path.of(args.length > 0 ? args[0] : "bench-fresh-idle-start.json");
        int status = 0;
        try {
            run(Settings.standard(), output, System.out);
        } catch (RuntimeException e) {
            e.printStackTrace();
            status = 1;
        }
        // The embedded servers and SDKs leave non-daemon threads behind: exit rather than wait for them.
        System.exit(status);
    }

    /** Runs the scenario, prints its progress, table and targets to {@code out}, and writes JSON to {@code output}. */
    static List<TargetCheck> run(Settings settings, Path output, PrintStream out) {
        MachineInfo machine = MachineInfo.current();
        out.println("Tidemark benchmark, idle start in fresh JVMs, on " + machine);
        out.println("Change units on the class path as: "
                + settings.layouts().stream()
                        .map(FreshJvmIdleStart.Layout::label)
                        .toList()
                + " (bench.freshLayout)");
        String otherCore =
                System.getProperty(FreshJvmIdleStart.CORE_PROPERTY, "").trim();
        if (!otherCore.isEmpty()) {
            out.println("\"before\": the same classes scanned by the core in " + otherCore + " ("
                    + FreshJvmIdleStart.CORE_PROPERTY + ")");
        }
        List<IndexedChanges> sets = new ArrayList<>();
        List<FreshJvmIdleStart.Result> results = new ArrayList<>();
        Map<String, String> described = new LinkedHashMap<>();
        try {
            for (int size : settings.sizes()) {
                long start = System.nanoTime();
                sets.add(IndexedChanges.compile(size));
                out.printf(
                        Locale.ROOT,
                        "Compiled %,d change units with the processor in %d ms%n",
                        size,
                        (System.nanoTime() - start) / 1_000_000);
            }
            for (String name : settings.backends()) {
                try (BackendFixture fixture = BenchServers.start(name)) {
                    described.put(name, fixture.describe());
                    out.println("== " + name + ": " + fixture.describe());
                    FreshJvmIdleStart scenario = new FreshJvmIdleStart(
                            new Instances(fixture, NAMESPACE, CLOCK), CLOCK, settings.warmups(), settings.reps());
                    for (FreshJvmIdleStart.Result result : scenario.run(sets, settings.layouts())) {
                        out.printf(
                                Locale.ROOT,
                                "   %,7d change units, %-9s: %7.1f ms scanning, %7.1f ms indexed "
                                        + "(%.1f ms warm tip read)%s%n",
                                result.changeUnits(),
                                result.layout().label(),
                                result.scanned().median(),
                                result.indexed().median(),
                                result.indexedTipRead().median(),
                                result.scannedBefore()
                                        .map(b -> String.format(Locale.ROOT, ", %7.1f ms before", b.median()))
                                        .orElse(""));
                        results.add(result);
                    }
                }
            }
        } finally {
            sets.forEach(IndexedChanges::close);
        }
        List<TargetCheck> checks = judge(results, settings);
        print(out, results, checks, settings);
        write(output, machine, settings, described, results, checks);
        out.println();
        out.println("JSON written to " + output.toAbsolutePath());
        return checks;
    }

    /** Says, in a target, that the figure judged is the indexed start without the store's warm tip read. */
    static final String WITHOUT_TIP_READ = ", without the store's warm tip read";

    /**
     * The targets on each backend and layout, for the sizes measured: first on the indexed
     * path's totals ({@code build()} + {@code run()}, the measure), then the same two on the
     * totals without the store's warm tip read ({@link FreshJvmIdleStart.Result#indexedWithoutTipRead()}),
     * so that a target missed only because the test server's answer to the one read grows with the
     * chain shows as such.
     */
    static List<TargetCheck> judge(List<FreshJvmIdleStart.Result> results, Settings settings) {
        List<TargetCheck> checks = new ArrayList<>();
        for (String backend : settings.backends()) {
            for (FreshJvmIdleStart.Layout layout : settings.layouts()) {
                checks.addAll(judge(
                        results, settings, backend, layout, r -> r.indexed().median(), ""));
                checks.addAll(judge(
                        results,
                        settings,
                        backend,
                        layout,
                        FreshJvmIdleStart.Result::indexedWithoutTipRead,
                        WITHOUT_TIP_READ));
            }
        }
        return checks;
    }

    /** The two targets on one backend and layout, judged on {@code figure} of the indexed path. */
    private static List<TargetCheck> judge(
            List<FreshJvmIdleStart.Result> results,
            Settings settings,
            String backend,
            FreshJvmIdleStart.Layout layout,
            ToDoubleFunction<FreshJvmIdleStart.Result> figure,
            String qualifier) {
        int smallest =
                settings.sizes().stream().mapToInt(Integer::intValue).min().orElseThrow();
        int largest =
                settings.sizes().stream().mapToInt(Integer::intValue).max().orElseThrow();
        Optional<Double> atSmallest = figure(results, backend, layout, smallest, figure);
        Optional<Double> atHundred = figure(results, backend, layout, 100, figure);
        Optional<Double> atLargest = figure(results, backend, layout, largest, figure);
        List<TargetCheck> checks = new ArrayList<>();
        if (atHundred.isPresent() && atLargest.isPresent() && largest > 100) {
            checks.add(new TargetCheck(
                    backend,
                    String.format(
                            Locale.ROOT,
                            "with the index, from a %s, %,d change units cost at most 1.2 x 100%s",
                            layout.label(),
                            largest,
                            qualifier),
                    String.format(
                            Locale.ROOT,
                            "%.1f ms vs %.1f ms (%.2f x)",
                            atLargest.get(),
                            atHundred.get(),
                            atLargest.get() / atHundred.get()),
                    atLargest.get() <= 1.2 * atHundred.get()));
        }
        if (atSmallest.isPresent() && atLargest.isPresent() && largest > smallest) {
            checks.add(new TargetCheck(
                    backend,
                    String.format(
                            Locale.ROOT,
                            "with the index, from a %s, %,d change units cost at most 30 ms over %,d%s",
                            layout.label(),
                            largest,
                            smallest,
                            qualifier),
                    String.format(
                            Locale.ROOT,
                            "%.1f ms vs %.1f ms (%+.1f ms)",
                            atLargest.get(),
                            atSmallest.get(),
                            atLargest.get() - atSmallest.get()),
                    atLargest.get() - atSmallest.get() <= 30));
        }
        return checks;
    }

    private static Optional<Double> figure(
            List<FreshJvmIdleStart.Result> results,
            String backend,
            FreshJvmIdleStart.Layout layout,
            int size,
            ToDoubleFunction<FreshJvmIdleStart.Result> figure) {
        return results.stream()
                .filter(r -> r.backend().equals(backend) && r.layout() == layout && r.changeUnits() == size)
                .findFirst()
                .map(figure::applyAsDouble);
    }

    /**
     * Prints the table and the targets: per result, each path's median total, its {@code build()} and the
     * change-unit classes it loaded, the speed-up, "before" when measured, the indexed path's median warm
     * tip read and the indexed median minus that read.
     */
    static void print(
            PrintStream out, List<FreshJvmIdleStart.Result> results, List<TargetCheck> checks, Settings settings) {
        out.println();
        out.printf(
                Locale.ROOT,
                "Idle start in a fresh JVM: build() + run(), median of %d starts (after %d warm-up), ms; "
                        + "(build() alone); change-unit classes loaded; the indexed path's warm tip read (the store's "
                        + "own time for the one read of run()) and the indexed start without it%n",
                settings.reps(),
                settings.warmups());
        String row = "%-10s %-9s %7s | %9s %9s %7s | %9s %9s %7s | %8s | %9s | %8s %14s%n";
        out.printf(
                Locale.ROOT,
                row,
                "backend",
                "layout",
                "units",
                "scanning",
                "(build)",
                "loaded",
                "indexed",
                "(build)",
                "loaded",
                "speed-up",
                "before",
                "tip read",
                "indexed - read");
        for (FreshJvmIdleStart.Result r : results) {
            out.printf(
                    Locale.ROOT,
                    row,
                    r.backend(),
                    r.layout().label(),
                    String.format(Locale.ROOT, "%,d", r.changeUnits()),
                    millis(r.scanned().median()),
                    "(" + millis(r.scannedBuild().median()) + ")",
                    r.scannedLoaded(),
                    millis(r.indexed().median()),
                    "(" + millis(r.indexedBuild().median()) + ")",
                    r.indexedLoaded(),
                    String.format(
                            Locale.ROOT,
                            "%.2f x",
                            r.scanned().median() / r.indexed().median()),
                    r.scannedBefore().map(b -> millis(b.median())).orElse("-"),
                    millis(r.indexedTipRead().median()),
                    millis(r.indexedWithoutTipRead()));
        }
        out.println();
        out.println("Targets (idle start in a fresh JVM):");
        if (checks.isEmpty()) {
            out.println("  none judged: the targets need sizes 100 and a larger one (bench.freshSizes)");
        }
        for (TargetCheck check : checks) {
            out.printf(
                    Locale.ROOT,
                    "  [%s] %-9s %s: %s%n",
                    check.met() ? "met" : "NOT MET",
                    check.backend(),
                    check.target(),
                    check.measured());
        }
    }

    private static void write(
            Path file,
            MachineInfo machine,
            Settings settings,
            Map<String, String> backends,
            List<FreshJvmIdleStart.Result> results,
            List<TargetCheck> checks) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("generatedAt", CLOCK.instant().toString());
        root.put("command", COMMAND);
        root.put("machine", machine.asMap());
        Map<String, Object> settingsMap = new LinkedHashMap<>();
        settingsMap.put("backends", settings.backends());
        settingsMap.put("sizes", settings.sizes());
        settingsMap.put("warmups", settings.warmups());
        settingsMap.put("reps", settings.reps());
        settingsMap.put("order", "interleaved: each round starts every size and layout, odd rounds in reverse");
        settingsMap.put(
                "layouts",
                settings.layouts().stream().map(FreshJvmIdleStart.Layout::label).toList());
        root.put("settings", settingsMap);
        root.put("backends", backends);
        root.put("results", results.stream().map(IndexedIdleStartBench::result).toList());
        root.put("targets", checks);
        try {
            if (file.toAbsolutePath().getParent() != null) {
                Files.createDirectories(file.toAbsolutePath().getParent());
            }
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), root);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write " + file, e);
        }
    }

    /**
     * One result as JSON: per path its medians, classes loaded, samples and median warm tip read; the
     * indexed path also without that read.
     */
    static Map<String, Object> result(FreshJvmIdleStart.Result r) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("backend", r.backend());
        map.put("layout", r.layout().label());
        map.put("changeUnits", r.changeUnits());
        map.put(
                "scanning",
                Map.of(
                        "medianMillis",
                        r.scanned().median(),
                        "buildMedianMillis",
                        r.scannedBuild().median(),
                        "classesLoaded",
                        r.scannedLoaded(),
                        "samplesMillis",
                        r.scanned().millis(),
                        "tipReadMedianMillis",
                        r.scannedTipRead().median(),
                        "tipReadSamplesMillis",
                        r.scannedTipRead().millis()));
        map.put(
                "indexed",
                Map.of(
                        "medianMillis",
                        r.indexed().median(),
                        "buildMedianMillis",
                        r.indexedBuild().median(),
                        "classesLoaded",
                        r.indexedLoaded(),
                        "samplesMillis",
                        r.indexed().millis(),
                        "tipReadMedianMillis",
                        r.indexedTipRead().median(),
                        "tipReadSamplesMillis",
                        r.indexedTipRead().millis(),
                        "withoutTipReadMedianMillis",
                        r.indexedWithoutTipRead()));
        r.scannedBefore()
                .ifPresent(b ->
                        map.put("scanningBefore", Map.of("medianMillis", b.median(), "samplesMillis", b.millis())));
        return map;
    }

    private static String millis(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }
}
