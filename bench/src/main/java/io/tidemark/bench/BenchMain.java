package io.tidemark.bench;

import io.tidemark.bench.backend.BenchServers;
import io.tidemark.bench.backend.Instances;
import io.tidemark.bench.changes.GeneratedChanges;
import io.tidemark.bench.measure.Measurement;
import io.tidemark.bench.scenario.ApplyFromScratch;
import io.tidemark.bench.scenario.ConcurrentStart;
import io.tidemark.bench.scenario.Handover;
import io.tidemark.bench.scenario.IdleStart;
import io.tidemark.bench.scenario.LockLatency;
import io.tidemark.tck.BackendFixture;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs every scenario on every backend, prints a table and writes JSON.
 *
 * <p>A plain harness rather than JMH: most scenarios are not microbenchmarks but whole runs of the
 * engine against a server (a thousand appends, a start over a long history, four instances racing,
 * a lock changing hands), whose figures are milliseconds, whose interesting output is the number
 * of requests as much as the time, and whose set-up (writing 10,000 changes of history) must happen
 * once per scenario, not per invocation. Each scenario runs warm-up repetitions first (to load and
 * compile the code paths), then measured repetitions, and reports their median and 95th percentile
 * with the number of repetitions. Each backend is the adapter's test fixture ({@link BackendFixture}),
 * its server started here as the tests start it (dynalite as a Node.js process, the others in this
 * JVM) or one already running that a property names ({@link BenchServers}), and every request is
 * counted by the fixture's counting stores.
 *
 * <p>Usage: {@code BenchMain [json-output-file]}; settings from {@link BenchSettings#standard()}.
 */
public final class BenchMain {

    /** The one clock of the benchmark, handed to what needs time (the scenarios measure with System.nanoTime()). */
    private static final Clock CLOCK = Clock.systemUTC();

    /** The documented command, written into the JSON. */
    static final String COMMAND = "mvn -B -q -pl bench -am -P bench -DskipTests verify";

    /** The namespace of the fixtures that every chain and lock of the benchmark lives in. */
    private static final String NAMESPACE = "bench";

    private BenchMain() {}

    /**
     * Runs the benchmark. Exits with 0 when it ran to the end, whether or not every target was met
     * (the table says which were not), and 1 when it could not run.
     */
    public static void main(String[] args) {
        Path output = Path.of(args.length > 0 ? args[0] : "bench-results.json");
        int status = 0;
        try {
            run(BenchSettings.standard(), output, System.out);
        } catch (RuntimeException e) {
            e.printStackTrace();
            status = 1;
        }
        // The embedded servers and SDKs leave non-daemon threads behind: exit rather than wait for them.
        System.exit(status);
    }

    /** Runs every scenario of {@code settings}, prints to {@code out} and writes JSON to {@code output}. */
    static List<TargetCheck> run(BenchSettings settings, Path output, PrintStream out) {
        MachineInfo machine = MachineInfo.current();
        out.println("Tidemark benchmark on " + machine);
        long compileStart = System.nanoTime();
        List<Measurement> measurements = new ArrayList<>();
        List<TargetCheck> checks = new ArrayList<>();
        Map<String, String> described = new LinkedHashMap<>();
        BenchServers.requireKnown(settings.backends());
        try (GeneratedChanges changes = GeneratedChanges.compile(settings.changeUnitsNeeded())) {
            out.printf(
                    "Compiled %d generated change units in %d ms%n",
                    changes.size(), (System.nanoTime() - compileStart) / 1_000_000);
            for (String name : settings.backends()) {
                List<Measurement> ofBackend = runBackend(name, settings, changes, out, described);
                measurements.addAll(ofBackend);
                checks.addAll(TargetCheck.judge(name, ofBackend));
            }
        }
        out.println();
        ResultTable.print(out, measurements, checks);
        JsonReport.write(output, CLOCK, machine, settings, described, measurements, checks);
        out.println();
        out.println("JSON written to " + output.toAbsolutePath());
        return checks;
    }

    private static List<Measurement> runBackend(
            String backend,
            BenchSettings settings,
            GeneratedChanges changes,
            PrintStream out,
            Map<String, String> described) {
        List<Measurement> results = new ArrayList<>();
        try (BackendFixture fixture = BenchServers.start(backend)) {
            Instances instances = new Instances(fixture, NAMESPACE, CLOCK);
            String name = instances.name();
            described.put(name, fixture.describe());
            out.println("== " + name + ": " + fixture.describe());
            results.add(step(
                    out,
                    new ApplyFromScratch(instances, changes)
                            .run(name, settings.applyChanges(), settings.applyWarmups(), settings.applyReps())));
            for (int history : settings.idleHistories()) {
                results.add(step(
                        out,
                        new IdleStart(instances, changes, CLOCK)
                                .run(name, history, settings.idleWarmups(), settings.idleReps())));
            }
            for (Measurement lock : new LockLatency(instances).run(name, settings.lockWarmups(), settings.lockReps())) {
                results.add(step(out, lock));
            }
            results.add(step(
                    out,
                    new Handover(instances, settings.handoverSteadySeconds(), CLOCK)
                            .run(name, settings.handoverWarmups(), settings.handoverReps())));
            results.add(step(
                    out,
                    new ConcurrentStart(instances, settings.instances(), changes)
                            .run(
                                    name,
                                    settings.concurrentChanges(),
                                    settings.concurrentWarmups(),
                                    settings.concurrentReps())));
        }
        return results;
    }

    private static Measurement step(PrintStream out, Measurement m) {
        out.printf(
                "   %-22s median %9.2f ms, p95 %9.2f ms (%d reps); %s per rep%n",
                m.scenario(),
                m.times().median(),
                m.times().p95(),
                m.times().count(),
                m.traffic().get(0));
        return m;
    }
}
