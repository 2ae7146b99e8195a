package io.tidemark.bench.scenario;

import io.tidemark.bench.backend.Instances;
import io.tidemark.bench.changes.HistoryWriter;
import io.tidemark.bench.changes.IndexedChanges;
import io.tidemark.bench.measure.Samples;
import io.tidemark.core.Tidemark;
import io.tidemark.core.TidemarkConfig;
import io.tidemark.tck.CountingStore;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * "Idle start at N change units", each start in a fresh JVM ({@link FreshStartMain}): the cost every
 * instance of an application pays on every start, class loading and JIT warm-up included, with and
 * without {@code tidemark-processor}'s index, over byte-identical classes ({@link IndexedChanges}).
 * The chain holds the history of the N changes ended by the engine's checkpoint (written by
 * {@link HistoryWriter}), so every start has nothing to do. What is timed is {@code build()} plus
 * {@code run()}; creating the store and opening its connection are not (an application pays them with
 * or without Tidemark). The two paths alternate, start by start, and so do the {@link Layout}s
 * measured and, round by round, the sizes ({@link #schedule}).
 *
 * <p>Each start also reports the store's own time for the one read an idle {@code run()} sends, the
 * chain's tip, timed again on the same connection once it is warm ({@link FreshStartMain}). On
 * mongo-java-server that read grows with the chain (it has no query planner: it sorts every record of
 * the chain to answer a query a real MongoDB answers from the {@code {chain, seq}} index), so the
 * total alone mixes the test server's cost into Tidemark's; {@link Result#indexedTipRead()} lets the
 * table show both.
 */
public final class FreshJvmIdleStart {

    /**
     * The system property naming another {@code tidemark-audit-core} (classes or jar) whose scanning
     * path is measured as well, as "before".
     */
    public static final String CORE_PROPERTY = "bench.freshBeforeCore";

    /**
     * The system property holding extra options of the fresh JVMs, separated by spaces (for example a
     * flight recording: {@code -XX:StartFlightRecording=filename=/tmp/recordings/}).
     */
    public static final String JVM_ARGS_PROPERTY = "bench.freshJvmArgs";

    /**
     * How the change units' class files are put on the fresh JVM's class path. The index check differs:
     * in a directory it takes one file time per class file (to catch a class recompiled in place); in a
     * jar it makes one pass over the jar's central directory (names, sizes, CRC-32s) and no per-file call.
     */
    public enum Layout {
        /** A directory of class files, as a build's output or an exploded deployment. */
        DIRECTORY,
        /** A jar, as an application is normally deployed. */
        JAR;

        /** The name used in the settings, the table and the JSON: {@code directory} or {@code jar}. */
        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        /** The class path entry of this layout: with or without the index. */
        Path of(IndexedChanges changes, boolean withIndex) {
            return switch (this) {
                case DIRECTORY -> withIndex ? changes.indexed() : changes.plain();
                case JAR -> withIndex ? changes.indexedJar() : changes.plainJar();
            };
        }
    }

    private final Instances instances;
    private final Clock clock;
    private final int warmups;
    private final int reps;

    /**
     * @param instances the backend
     * @param clock     timestamps of the written history
     * @param warmups   unmeasured starts of each path first (the file system's caches)
     * @param reps      measured starts of each path
     */
    public FreshJvmIdleStart(Instances instances, Clock clock, int warmups, int reps) {
        this.instances = instances;
        this.clock = clock;
        this.warmups = warmups;
        this.reps = reps;
    }

    /**
     * The figures of one size on one backend.
     *
     * @param backend       the backend
     * @param layout        how the change units were on the class path
     * @param changeUnits   N
     * @param scanned       build() + run() without the index, ms
     * @param indexed       build() + run() with the index, ms
     * @param scannedBuild  build() alone without the index, ms
     * @param indexedBuild  build() alone with the index, ms
     * @param scannedLoaded change-unit classes loaded without the index (per start)
     * @param indexedLoaded change-unit classes loaded with the index (per start)
     * @param scannedBefore build() + run() without the index on the core named by {@value #CORE_PROPERTY}
     *                      (the same classes, scanned by an earlier version), ms; empty when not set
     * @param scannedTipRead the store's warm read of the chain's tip in the scanning path's starts, ms: per
     *                      start, the median of {@link FreshStartMain#TIP_READS} reads after {@code run()}
     * @param indexedTipRead the same in the indexed path's starts: the server's share of the one read an
     *                      idle {@code run()} sends. Warm (the connection, the client's classes and codecs
     *                      have served {@code run()} already), so it leaves out the client's first-call
     *                      cost, which does not grow with the chain, and keeps what the server spends
     *                      answering, which on mongo-java-server grows with it
     */
    public record Result(
            String backend,
            Layout layout,
            int changeUnits,
            Samples scanned,
            Samples indexed,
            Samples scannedBuild,
            Samples indexedBuild,
            int scannedLoaded,
            int indexedLoaded,
            Optional<Samples> scannedBefore,
            Samples scannedTipRead,
            Samples indexedTipRead) {

        /**
         * {@return the indexed path's median minus its median warm tip read, ms: Tidemark's own idle
         * start with the store's answer to the one read taken out}
         */
        public double indexedWithoutTipRead() {
            return indexed.median() - indexedTipRead.median();
        }
    }

    /** Which of the paths a start measures. */
    public enum StartPath {
        /** The classes without the index: the scan. */
        SCANNING,
        /** The same classes with the index. */
        INDEXED,
        /** The classes without the index, scanned by the core named by {@value #CORE_PROPERTY}. */
        BEFORE
    }

    /**
     * One fresh start of a schedule.
     *
     * @param round       0-based; the first {@code warmups} rounds are not measured
     * @param changeUnits the size of the change-unit set started over
     * @param layout      how that set is on the class path
     * @param path        which path
     */
    public record PlannedStart(int round, int changeUnits, Layout layout, StartPath path) {}

    /**
     * The order of the starts over {@code sizes}, for {@code rounds} rounds: each round starts every
     * size, and per size every layout, the scanning path then the indexed one (then "before" when
     * {@code before}). Even rounds go from the first size to the last, odd rounds the whole round in
     * reverse. Why: the targets compare sizes with each other, so every size must see the same
     * machine. Measured one size after the other (as the first versions of this scenario did), a
     * minute of load from elsewhere on the two shared cores landed on one size only and moved the
     * ratio by more than its margin; interleaved, it lands on every size alike, and reversing every
     * other round evens out what a start inherits from the one before it (a 10,000-class scan
     * leaves the caches and the CPU in another state than a 100-class start).
     */
    public static List<PlannedStart> schedule(List<Integer> sizes, List<Layout> layouts, int rounds, boolean before) {
        List<StartPath> paths = before
                ? List.of(StartPath.SCANNING, StartPath.INDEXED, StartPath.BEFORE)
                : List.of(StartPath.SCANNING, StartPath.INDEXED);
        List<PlannedStart> all = new ArrayList<>();
        for (int round = 0; round < rounds; round++) {
            List<PlannedStart> starts = new ArrayList<>();
            for (int size : sizes) {
                for (Layout layout : layouts) {
                    for (StartPath path : paths) {
                        starts.add(new PlannedStart(round, size, layout, path));
                    }
                }
            }
            if (round % 2 == 1) {
                Collections.reverse(starts);
            }
            all.addAll(starts);
        }
        return all;
    }

    /**
     * Measures idle starts over every set of {@code changeSets} in each of {@code layouts}, in the
     * order of {@link #schedule}: one result per set and layout, sets in the given order, layouts
     * within each. The history of every set is written (each on a chain of its own) before the first
     * start, so every start finds the same store. On mongo-java-server, whose tip read filters the
     * whole collection and then sorts the chain's records, that makes the read dearer at the small sizes
     * than when each size was measured with only the smaller histories written (about 6 to 9 ms
     * instead of 2 to 3 at 100), while it still grows with the chain (14 to 17 ms at 10,000); the
     * table's {@code tip read} column shows it.
     */
    public List<Result> run(List<IndexedChanges> changeSets, List<Layout> layouts) {
        Map<Integer, IndexedChanges> bySize = new LinkedHashMap<>();
        Map<Integer, String> chains = new HashMap<>();
        for (IndexedChanges changes : changeSets) {
            if (bySize.put(changes.size(), changes) != null) {
                throw new IllegalArgumentException("Two change-unit sets of " + changes.size() + " change units");
            }
            String chain = Chains.fresh("fresh-" + changes.size());
            writeHistory(chain, changes);
            chains.put(changes.size(), chain);
        }
        Map<String, String> configuration = instances.fixture().configuration(instances.namespace());
        Optional<String> beforeClassPath = beforeClassPath();
        String classPath = System.getProperty("java.class.path");
        Map<String, Collected> collected = new LinkedHashMap<>();
        bySize.keySet()
                .forEach(size -> layouts.forEach(layout -> collected.put(key(size, layout), new Collected(layout))));
        for (PlannedStart planned :
                schedule(List.copyOf(bySize.keySet()), layouts, warmups + reps, beforeClassPath.isPresent())) {
            IndexedChanges changes = bySize.get(planned.changeUnits());
            long[] times = start(
                    chains.get(planned.changeUnits()),
                    planned.layout().of(changes, planned.path() == StartPath.INDEXED),
                    configuration,
                    planned.path() == StartPath.BEFORE ? beforeClassPath.orElseThrow() : classPath);
            if (planned.round() >= warmups) {
                collected.get(key(planned.changeUnits(), planned.layout())).add(planned.path(), times);
            }
        }
        List<Result> results = new ArrayList<>();
        bySize.keySet()
                .forEach(size -> layouts.forEach(layout -> {
                    Collected c = collected.get(key(size, layout));
                    results.add(new Result(
                            instances.name(),
                            layout,
                            size,
                            samples(c.scanned),
                            samples(c.indexed),
                            samples(c.scannedBuild),
                            samples(c.indexedBuild),
                            (int) c.loaded[0],
                            (int) c.loaded[1],
                            c.before.isEmpty() ? Optional.empty() : Optional.of(samples(c.before)),
                            samples(c.scannedTipRead),
                            samples(c.indexedTipRead)));
                }));
        return results;
    }

    private static String key(int size, Layout layout) {
        return size + "/" + layout;
    }

    /** The samples of one layout, as they come. */
    private static final class Collected {
        private final Layout layout;
        private final List<Long> scanned = new ArrayList<>();
        private final List<Long> indexed = new ArrayList<>();
        private final List<Long> scannedBuild = new ArrayList<>();
        private final List<Long> indexedBuild = new ArrayList<>();
        private final List<Long> before = new ArrayList<>();
        private final List<Long> scannedTipRead = new ArrayList<>();
        private final List<Long> indexedTipRead = new ArrayList<>();
        private final long[] loaded = new long[2];

        Collected(Layout layout) {
            this.layout = layout;
        }

        /** Adds one measured start: build nanos, run nanos, classes loaded, warm tip-read nanos. */
        void add(StartPath path, long[] times) {
            switch (path) {
                case SCANNING -> {
                    scanned.add(times[0] + times[1]);
                    scannedBuild.add(times[0]);
                    loaded[0] = times[2];
                    scannedTipRead.add(times[3]);
                }
                case INDEXED -> {
                    indexed.add(times[0] + times[1]);
                    indexedBuild.add(times[0]);
                    loaded[1] = times[2];
                    indexedTipRead.add(times[3]);
                }
                case BEFORE -> before.add(times[0] + times[1]);
            }
        }
    }

    private void writeHistory(String chain, IndexedChanges changes) {
        try (URLClassLoader loader = new URLClassLoader(
                        new URL[] {changes.plain().toUri().toURL()}, FreshJvmIdleStart.class.getClassLoader());
                CountingStore writer = instances.start()) {
            Tidemark tidemark = Tidemark.builder()
                    .auditStore(writer.store())
                    .configuration(TidemarkConfig.of())
                    .chain(chain)
                    .classLoader(loader)
                    .scanPackage(IndexedChanges.PACKAGE)
                    .build();
            new HistoryWriter(writer.store(), instances.loader(writer.store()), clock)
                    .writeApplied(
                            chain,
                            tidemark.changeUnits().stream()
                                    .map(HistoryWriter.AppliedChange::of)
                                    .toList(),
                            HistoryWriter.Checkpointed.of(tidemark),
                            HistoryWriter.Shape.APPLIED_ONLY);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One start in a fresh JVM: build nanos, run nanos, classes loaded, warm tip-read nanos. */
    private long[] start(String chain, Path changeUnits, Map<String, String> configuration, String classPath) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        Arrays.stream(System.getProperty(JVM_ARGS_PROPERTY, "").trim().split("\\s+"))
                .filter(a -> !a.isEmpty())
                .forEach(command::add);
        command.addAll(List.of(
                "-cp",
                classPath,
                FreshStartMain.class.getName(),
                instances.name(),
                chain,
                IndexedChanges.PACKAGE,
                changeUnits.toString()));
        try {
            Path errors = Files.createTempFile("tidemark-bench-fresh", ".log");
            try {
                Process process = new ProcessBuilder(command)
                        .redirectError(errors.toFile())
                        .start();
                Properties properties = new Properties();
                properties.putAll(configuration);
                try (Writer in = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8)) {
                    properties.store(in, null);
                }
                String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
                if (!process.waitFor(2, TimeUnit.MINUTES) || process.exitValue() != 0) {
                    process.destroyForcibly();
                    throw new IllegalStateException(
                            "The fresh JVM failed (" + output + "):\n" + Files.readString(errors));
                }
                String[] fields = output.substring(output.lastIndexOf('\n') + 1).split(" ");
                if (fields.length != 4) {
                    throw new IllegalStateException("The fresh JVM printed '" + output
                            + "' instead of build-nanos run-nanos classes-loaded tip-read-nanos");
                }
                return Arrays.stream(fields).mapToLong(Long::parseLong).toArray();
            } finally {
                Files.deleteIfExists(errors);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for a fresh JVM", e);
        }
    }

    /**
     * This JVM's class path with {@code tidemark-audit-core} replaced by {@value #CORE_PROPERTY}, when
     * that is set: the classes or jar of another version of the core, to measure the scanning path as
     * it was before the index existed, start by start beside the other two.
     */
    private static Optional<String> beforeClassPath() {
        String core = System.getProperty(CORE_PROPERTY, "").trim();
        String classPath = System.getProperty("java.class.path");
        if (core.isEmpty()) {
            return Optional.empty();
        }
        List<String> entries = new ArrayList<>();
        boolean replaced = false;
        for (String entry : classPath.split(java.io.File.pathSeparator)) {
            boolean isCore = entry.replace('\\', '/')
                    .matches(".*/(audit-core/target/classes/?|tidemark-audit-core-[^/]*\\.jar)");
            entries.add(isCore ? core : entry);
            replaced |= isCore;
        }
        if (!replaced) {
            throw new IllegalStateException(CORE_PROPERTY + " is set, but no tidemark-audit-core is on the class path "
                    + "to replace: " + classPath);
        }
        return Optional.of(String.join(java.io.File.pathSeparator, entries));
    }

    private static Samples samples(List<Long> nanos) {
        return Samples.ofNanos(nanos.stream().mapToLong(Long::longValue).toArray());
    }
}
