package io.tidemark.it.changes;

import io.tidemark.api.ChangeContext;
import io.tidemark.it.backend.Counters;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the scenario change units do, injected into them as a dependency: each change's effect is
 * one increment of its own counter in the backend ({@link Counters}), and its rollback one
 * decrement. A test reads the counters to see how many times each effect really happened.
 *
 * <p>Tests steer a run with switches: a change can be made to fail after its effect, and hooks can
 * run inside a change before its effect (a child JVM announces it is inside and blocks there, to be
 * killed) or after it (an outage test cuts the connection to the database there).
 */
public final class ChangeEffects {

    private final Counters counters;
    private final Set<String> failing = ConcurrentHashMap.newKeySet();
    private final Map<String, Runnable> beforeEffect = new ConcurrentHashMap<>();
    private final Map<String, Runnable> afterEffect = new ConcurrentHashMap<>();

    public ChangeEffects(Counters counters) {
        this.counters = counters;
    }

    /** Makes {@code changeId} throw after its effect. */
    public ChangeEffects failing(String changeId) {
        failing.add(changeId);
        return this;
    }

    /** Runs {@code hook} inside {@code changeId}, before its effect. */
    public ChangeEffects beforeEffect(String changeId, Runnable hook) {
        beforeEffect.put(changeId, hook);
        return this;
    }

    /** Runs {@code hook} inside {@code changeId}, after its effect. */
    public ChangeEffects afterEffect(String changeId, Runnable hook) {
        afterEffect.put(changeId, hook);
        return this;
    }

    /** The body of every change unit's execution. */
    void apply(ChangeContext context) {
        String id = context.changeId();
        beforeEffect.getOrDefault(id, () -> {}).run();
        counters.add(id, 1);
        context.putMetadata("counter", id);
        afterEffect.getOrDefault(id, () -> {}).run();
        if (failing.contains(id)) {
            throw new IllegalStateException("simulated failure of " + id + " after its effect");
        }
    }

    /** The body of every rollback: undoes the effect. */
    void undo(ChangeContext context) {
        counters.add(context.changeId(), -1);
    }
}
