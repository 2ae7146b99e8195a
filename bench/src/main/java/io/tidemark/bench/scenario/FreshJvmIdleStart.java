package io.tidemark.bench.scenario;

import io.tidemark.bench.backend.Instances;
import io.tidemark.bench.changes.HistoryWriter;
import io.tidemark.bench.changes.IndexedChanges;
import io.tidemark.bench.measure.Samples;
import io.tidemark.core.Tidemark;
import io.tidemark.core.TidemarkConfig;
import io.tidemark.tck.CountingStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * "Idle start at N change units", each start in a fresh JVM ({@link FreshStartMain}): the cost every
 * instance of an application pays on every start, class loading and JIT warm-up included, with and
 * without {@code tidemark-processor}'s index, over byte-identical classes ({@link IndexedChanges}).
 * The chain holds the history of the N changes ended by the engine's checkpoint (written by
 * {@link HistoryWriter}), so every start has nothing to do. What is timed is {@code build()} plus
 * {@code run()}; creating the store and opening its connection are not (an application pays them with
 * or without Tidemark). The two paths alternate, start by start, and so do the {@link Layout}s measured.
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

    /**
     * Measures idle starts over {@code changes} in each of {@code layouts}: one result per layout, in
     * order. Every round starts, per layout, the scanning path then the indexed one (then "before").
     */
    public List<Result> run(IndexedChanges changes, List<Layout> layouts) {
        String chain = Chains.fresh("fresh-" + changes.size());
        writeHistory(chain, changes);
        Map<String, String> configuration = instances.fixture().configuration(instances.namespace());
        Optional<String> beforeClassPath = beforeClassPath();
        String classPath = System.getProperty("java.class.path");
        List<Collected> collected = layouts.stream().map(Collected::new).toList();
        for (int i = 0; i < warmups + reps; i++) {
            for (Collected c : collected) {
                long[] plain = start(chain, c.layout.of(changes, false), configuration, classPath);
                long[] withIndex = start(chain, c.layout.of(changes, true), configuration, classPath);
                Optional<long[]> earlier =
                        beforeClassPath.map(cp -> start(chain, c.layout.of(changes, false), configuration, cp));
                if (i >= warmups) {
                    earlier.ifPresent(times -> c.before.add(times[0] + times[1]));
                    c.scanned.add(plain[0] + plain[1]);
                    c.scannedBuild.add(plain[0]);
                    c.indexed.add(withIndex[0] + withIndex[1]);
                    c.indexedBuild.add(withIndex[0]);
                    c.loaded[0] = plain[2];
                    c.loaded[1] = withIndex[2];
                    c.scannedTipRead.add(plain[3]);
                    c.indexedTipRead.add(withIndex[3]);
                }
            }
        }
        return collected.stream()
                .map(c -> new Result(
                        instances.name(),
                        c.layout,
                        changes.size(),
                        samples(c.scanned),
                        samples(c.indexed),
                        samples(c.scannedBuild),
                        samples(c.indexedBuild),
                        (int) c.loaded[0],
                        (int) c.loaded[1],
                        c.before.isEmpty() ? Optional.empty() : Optional.of(samples(c.before)),
                        samples(c.scannedTipRead),
                        samples(c.indexedTipRead)))
                .toList();
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
        configuration.forEach((key, value) -> command.add(key + "=" + value));
        try {
            Path errors = Files.createTempFile("tidemark-bench-fresh", ".log");
            try {
                Process process = new ProcessBuilder(command)
                        .redirectError(errors.toFile())
                        .start();
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
