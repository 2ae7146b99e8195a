package io.tidemark.core;

import io.tidemark.core.internal.engine.ChainSettings;
import io.tidemark.core.internal.engine.ChangeRehearsal;
import io.tidemark.core.internal.loading.ChangeDefinition;
import io.tidemark.core.internal.loading.ChangeSet;
import io.tidemark.core.internal.operator.ChainOperator;
import io.tidemark.core.operator.OperatorApi;
import io.tidemark.spi.AuditStore;
import java.util.List;

/**
 * <b>A testing aid</b>: steps through a change set one change at a time, so that a test can apply a
 * change, roll it back, and apply it again, and look at the application's data in between. Built by
 * {@link TidemarkBuilder#buildRehearsal()}, with the change units and dependencies of the
 * application; the kit {@code io.tidemark:tidemark-test} uses it to check that every rollback
 * undoes its change.
 *
 * <p>Its records go to a scratch chain: a fresh in-memory audit store
 * ({@link io.tidemark.core.memory.InMemoryAuditStore}) unless the builder was given a store with
 * {@link TidemarkBuilder#auditStore}; a store is never created from configuration. Each step is
 * recorded as a run records it, under the chain's lock: {@link #apply} writes {@code STARTED} and
 * {@code APPLIED} (or {@code FAILED} and the rollback's record), {@link #rollBack} writes
 * {@code ROLLED_BACK} (or {@code ROLLBACK_FAILED}), so that {@link #run()} afterwards finds what a
 * run would find. Steps may be taken in any order, as often as the test wants: they run the change
 * units' code against the application's real dependencies, which is the point. Never use one
 * against production data.
 *
 * <p>Listeners added to the builder ({@code listener(...)}) are not told about a rehearsal's steps or
 * runs: they are not the application's runs. Not thread-safe: one test drives it.
 */
public final class Rehearsal {

    private final ChainSettings settings;
    private final ChangeSet changes;
    private final ChangeRehearsal steps;

    Rehearsal(ChainSettings settings, ChangeSet changes) {
        this.settings = settings;
        this.changes = changes;
        this.steps = new ChangeRehearsal(settings, changes);
    }

    /** {@return the validated change units, in the order a run takes them} */
    public List<ChangeUnitInfo> changeUnits() {
        return changes.changes().stream().map(ChangeDefinition::info).toList();
    }

    /**
     * Whether the change has a {@code @RollbackExecution} method.
     *
     * @param changeId the change's id
     * @return true when it has one
     * @throws io.tidemark.core.error.UnknownChangeException when no change unit has that id
     */
    public boolean hasRollback(String changeId) {
        return steps.hasRollback(changeId);
    }

    /**
     * Applies one change now, whatever the chain says of it: {@code STARTED}, its {@code @Execution},
     * {@code APPLIED}. A change that throws is recorded {@code FAILED} and rolled back (if it has a
     * rollback), as in a run.
     *
     * @param changeId the change's id
     * @return the change's result, outcome {@link ChangeOutcome#APPLIED}
     * @throws io.tidemark.core.error.ChangeFailedException when the change threw; its cause is the
     *     change's error, its report holds this one change
     * @throws io.tidemark.core.error.UnknownChangeException when no change unit has that id
     */
    public ChangeResult apply(String changeId) {
        return steps.apply(changeId);
    }

    /**
     * Runs one change's {@code @RollbackExecution} now, on its own, and records {@code ROLLED_BACK}:
     * the next {@link #run()} runs the change again, as after an operator's mark. It runs on the
     * change-unit instance whose execution applied the change in this rehearsal's last {@link #apply}
     * of it, as a run's rollback runs on the instance whose execution failed: a rollback that undoes
     * what its instance remembers (the ids its execution inserted) is rehearsed as it would run. When
     * this rehearsal has not applied the change since its last rollback (a {@link #run()} applied it,
     * or nothing did), the rollback runs on a new instance.
     *
     * @param changeId the change's id
     * @return the change's result, outcome {@link ChangeOutcome#ROLLED_BACK}
     * @throws io.tidemark.core.error.ChangeFailedException when the rollback threw (recorded
     *     {@code ROLLBACK_FAILED}); its cause is the rollback's error
     * @throws io.tidemark.core.error.UnknownChangeException when no change unit has that id
     * @throws IllegalArgumentException when the change has no {@code @RollbackExecution} method
     */
    public ChangeResult rollBack(String changeId) {
        return steps.rollBack(changeId);
    }

    /**
     * Runs every pending change on the scratch chain, as {@link Tidemark#run()} does.
     *
     * @return what the run did
     */
    public RunReport run() {
        return steps.run();
    }

    /** {@return the operator API of the scratch chain: its history, its verification} */
    public OperatorApi operator() {
        return new ChainOperator(settings, changes, false);
    }

    /** {@return the store holding the scratch chain} */
    public AuditStore store() {
        return settings.store();
    }

    /** {@return the scratch chain's name} */
    public String chain() {
        return settings.chain();
    }

    @Override
    public String toString() {
        return "Rehearsal{chain=" + settings.chain() + ", store="
                + settings.store().describe() + ", changes=" + changes.changes().size() + "}";
    }
}
