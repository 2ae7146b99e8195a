package io.tidemark.bench;

import java.util.Arrays;
import java.util.List;

/**
 * Sizes and repetitions of every scenario. {@link #standard()} is what the documented command runs;
 * each value can be overridden with a system property {@code bench.<name>} (for example
 * {@code -Dbench.backends=mongodb} or {@code -Dbench.idleReps=10}).
 *
 * @param backends          the backends to run, in order
 * @param applyChanges      change units applied from scratch
 * @param applyWarmups      unmeasured runs first
 * @param applyReps         measured runs, each on a fresh chain
 * @param idleHistories     applied changes in the history of each idle-start scenario
 * @param idleWarmups       unmeasured idle starts first
 * @param idleReps          measured idle starts
 * @param lockWarmups       unmeasured acquire/extend/release cycles first
 * @param lockReps          measured cycles
 * @param handoverWarmups   unmeasured handovers first
 * @param handoverReps      measured handovers
 * @param handoverSteadySeconds how long the waiter that has backed off is measured, 0 to skip
 * @param instances         instances started together
 * @param concurrentChanges change units of the instances started together
 * @param concurrentWarmups unmeasured concurrent starts first
 * @param concurrentReps    measured concurrent starts, each on a fresh chain
 */
public record BenchSettings(
        List<String> backends,
        int applyChanges,
        int applyWarmups,
        int applyReps,
        List<Integer> idleHistories,
        int idleWarmups,
        int idleReps,
        int lockWarmups,
        int lockReps,
        int handoverWarmups,
        int handoverReps,
        int handoverSteadySeconds,
        int instances,
        int concurrentChanges,
        int concurrentWarmups,
        int concurrentReps) {

    public BenchSettings {
        backends = List.copyOf(backends);
        idleHistories = List.copyOf(idleHistories);
    }

    /** The documented benchmark, with overrides from system properties. */
    public static BenchSettings standard() {
        return new BenchSettings(
                list("backends", "dynamodb,mongodb,couchbase"),
                integer("applyChanges", 1_000),
                integer("applyWarmups", 1),
                integer("applyReps", 5),
                list("idleHistories", "100,1000,10000").stream()
                        .map(Integer::valueOf)
                        .toList(),
                integer("idleWarmups", 5),
                integer("idleReps", 30),
                integer("lockWarmups", 20),
                integer("lockReps", 200),
                integer("handoverWarmups", 3),
                integer("handoverReps", 40),
                integer("handoverSteadySeconds", 3),
                integer("instances", 4),
                integer("concurrentChanges", 100),
                integer("concurrentWarmups", 1),
                integer("concurrentReps", 5));
    }

    /** The most change units any scenario needs. */
    public int changeUnitsNeeded() {
        int most = Math.max(applyChanges, concurrentChanges);
        for (int history : idleHistories) {
            most = Math.max(most, history);
        }
        return most;
    }

    private static int integer(String name, int standard) {
        return Integer.parseInt(
                System.getProperty("bench." + name, Integer.toString(standard)).trim());
    }

    private static List<String> list(String name, String standard) {
        return Arrays.stream(System.getProperty("bench." + name, standard).split(","))
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .toList();
    }
}
