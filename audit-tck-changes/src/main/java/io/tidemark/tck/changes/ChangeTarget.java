package io.tidemark.tck.changes;

import io.tidemark.api.ChangeContext;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The system the TCK's change units change: counts each change's completed effects and attempts,
 * and can be told to make a change or its rollback throw, or to run a hook inside a change.
 * Registered with the engine as a dependency.
 */
public final class ChangeTarget {

    private final Map<String, Integer> applied = new ConcurrentHashMap<>();
    private final Map<String, Integer> attempts = new ConcurrentHashMap<>();
    private final Map<String, Integer> rollbacks = new ConcurrentHashMap<>();
    private final Set<String> failing = ConcurrentHashMap.newKeySet();
    private final Set<String> failingRollbacks = ConcurrentHashMap.newKeySet();
    private final Map<String, Runnable> hooks = new ConcurrentHashMap<>();
    private final List<String> appliedOrder = new CopyOnWriteArrayList<>();
    private final List<Boolean> rerunFlags = new CopyOnWriteArrayList<>();

    /**
     * Called by a change unit's execution: runs the hook, then fails or records the effect.
     *
     * @param context the change's context
     */
    public void execute(ChangeContext context) {
        String id = context.changeId();
        attempts.merge(id, 1, Integer::sum);
        rerunFlags.add(context.isRerun());
        hooks.getOrDefault(id, () -> {}).run();
        if (failing.contains(id)) {
            throw new IllegalStateException("simulated failure of " + id);
        }
        applied.merge(id, 1, Integer::sum);
        appliedOrder.add(id);
        context.putMetadata("effect", "counted");
    }

    /**
     * Called by a change unit's rollback.
     *
     * @param context the change's context
     */
    public void rollback(ChangeContext context) {
        String id = context.changeId();
        if (failingRollbacks.contains(id)) {
            throw new IllegalStateException("simulated rollback failure of " + id);
        }
        rollbacks.merge(id, 1, Integer::sum);
    }

    /**
     * Makes {@code changeId} throw (true) or succeed (false) from now on.
     *
     * @param changeId the change
     * @param fail     whether it throws from now on
     */
    public void setFailing(String changeId, boolean fail) {
        if (fail) {
            failing.add(changeId);
        } else {
            failing.remove(changeId);
        }
    }

    /**
     * Makes the rollback of {@code changeId} throw from now on.
     *
     * @param changeId the change
     */
    public void setRollbackFailing(String changeId) {
        failingRollbacks.add(changeId);
    }

    /**
     * Runs {@code hook} inside {@code changeId}'s execution, before its effect.
     *
     * @param changeId the change
     * @param hook     what runs inside it
     */
    public void onExecute(String changeId, Runnable hook) {
        hooks.put(changeId, hook);
    }

    /**
     * How many times {@code changeId}'s effect was completed.
     *
     * @param changeId the change
     * @return how many times {@code changeId}'s effect was completed
     */
    public int applied(String changeId) {
        return applied.getOrDefault(changeId, 0);
    }

    /**
     * How many times {@code changeId} was invoked.
     *
     * @param changeId the change
     * @return how many times {@code changeId} was invoked
     */
    public int attempts(String changeId) {
        return attempts.getOrDefault(changeId, 0);
    }

    /**
     * How many times {@code changeId}'s rollback completed.
     *
     * @param changeId the change
     * @return how many times {@code changeId}'s rollback completed
     */
    public int rollbacks(String changeId) {
        return rollbacks.getOrDefault(changeId, 0);
    }

    /**
     * Change ids in the order their effects completed.
     *
     * @return the change ids, in the order their effects completed
     */
    public List<String> appliedOrder() {
        return List.copyOf(appliedOrder);
    }

    /**
     * {@link ChangeContext#isRerun()} of every invocation, in order.
     *
     * @return the flags, in invocation order
     */
    public List<Boolean> rerunFlags() {
        return List.copyOf(rerunFlags);
    }
}
