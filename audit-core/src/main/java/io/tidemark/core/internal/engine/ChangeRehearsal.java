package io.tidemark.core.internal.engine;

import io.tidemark.core.ChangeResult;
import io.tidemark.core.RunReport;
import io.tidemark.core.error.ChangeFailedException;
import io.tidemark.core.error.IssuesPendingException;
import io.tidemark.core.error.RunInterruptedException;
import io.tidemark.core.error.UnknownChangeException;
import io.tidemark.core.internal.loading.ChangeDefinition;
import io.tidemark.core.internal.loading.ChangeSet;
import io.tidemark.core.internal.lock.LeaseKeeper;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Runs one change of a change set at a time, its execution or its rollback, recording each step as a
 * run records it (under the chain's lock, through the one {@link ChainWriter}): the engine side of
 * {@link io.tidemark.core.Rehearsal}, a testing aid. Each step reads the chain, takes the lock, and
 * releases it when done. No listener is told about a rehearsal's steps or runs: they are not the
 * application's runs.
 */
public final class ChangeRehearsal {

    private final ChainSettings settings;
    private final ChangeSet changes;
    /**
     * By change id, the change-unit instance whose execution applied the change in this rehearsal's
     * last step on it: its rollback runs on that instance, as a run's rollback runs on the instance
     * whose execution failed.
     */
    private final Map<String, Object> appliedBy = new HashMap<>();

    /** Steps through {@code changes} on the chain {@code settings} name. */
    public ChangeRehearsal(ChainSettings settings, ChangeSet changes) {
        this.settings = settings;
        this.changes = changes;
    }

    /**
     * Applies {@code changeId} as a run would: {@code STARTED}, its execution, {@code APPLIED}; on a
     * failure {@code FAILED} and its rollback, if it has one.
     *
     * @throws ChangeFailedException when the change threw (its records are stored)
     * @throws UnknownChangeException when no change unit has that id
     */
    public ChangeResult apply(String changeId) {
        ChangeDefinition change = find(changeId);
        return step(change, attempt -> {
            AttemptOutcome outcome = attempt.run(
                    attempt.hasRecords(),
                    changes.changes().indexOf(change) + 1,
                    changes.changes().size());
            appliedBy.remove(change.id());
            if (outcome instanceof AttemptOutcome.Failed failed) {
                return new StepOutcome(
                        failed.result(),
                        failed.error(),
                        "Change '" + change.id() + "' failed ("
                                + failed.result().outcome() + "): "
                                + failed.result().detail());
            }
            attempt.attempt().instance().ifPresent(instance -> appliedBy.put(change.id(), instance));
            return new StepOutcome(outcome.result(), null, "");
        });
    }

    /**
     * Runs the rollback of {@code changeId} on its own and records {@code ROLLED_BACK} (a later run
     * then runs the change again), or {@code ROLLBACK_FAILED}. The rollback runs on the instance whose
     * execution applied the change in this rehearsal's last {@link #apply} of it, so that a rollback
     * undoing what its instance remembers (the ids its execution inserted) is rehearsed as a run would
     * invoke it; on a new instance when this rehearsal has not applied the change since its last
     * rollback.
     *
     * @throws ChangeFailedException when the rollback threw (its record is stored)
     * @throws UnknownChangeException when no change unit has that id
     * @throws IllegalArgumentException when the change has no {@code @RollbackExecution} method
     */
    public ChangeResult rollBack(String changeId) {
        ChangeDefinition change = find(changeId);
        if (change.rollback().isEmpty()) {
            throw new IllegalArgumentException("Change '" + changeId + "' ("
                    + change.type().getName() + ") has no @RollbackExecution method: there is nothing to roll back");
        }
        return step(change, attempt -> {
            ChangeAttempt.RollbackOutcome outcome =
                    attempt.rollBackAlone(Optional.ofNullable(appliedBy.remove(change.id())));
            return new StepOutcome(
                    outcome.result(),
                    outcome.error().orElse(null),
                    "Rollback of change '" + change.id() + "' failed: "
                            + outcome.result().detail());
        });
    }

    /** Runs every pending change, as {@link io.tidemark.core.Tidemark#run()} does. */
    public RunReport run() {
        try {
            return forgetInstancesOf(new ChangeEngine(settings, changes).run());
        } catch (ChangeFailedException e) {
            forgetInstancesOf(e.report());
            throw e;
        } catch (IssuesPendingException e) {
            forgetInstancesOf(e.report());
            throw e;
        } catch (RunInterruptedException e) {
            e.report().ifPresent(this::forgetInstancesOf);
            throw e;
        }
    }

    /** The changes {@code report} applied ran on instances of the run's own: a rollback takes a new one. */
    private RunReport forgetInstancesOf(RunReport report) {
        report.applied().forEach(result -> appliedBy.remove(result.changeId()));
        return report;
    }

    /** Whether {@code changeId} has a {@code @RollbackExecution} method. */
    public boolean hasRollback(String changeId) {
        return find(changeId).rollback().isPresent();
    }

    /** One step's result line, what it threw (null when nothing), and the message of its failure. */
    private record StepOutcome(ChangeResult result, Throwable error, String failure) {}

    /** One attempt at {@code change}, under the lock, on the chain as it is now. */
    private ChangeResult step(ChangeDefinition change, Function<Attempt, StepOutcome> action) {
        String executionId = UUID.randomUUID().toString();
        Instant startedAt = settings.clock().instant();
        settings.store().initialize();
        InterruptFlag interrupts = new InterruptFlag();
        try (LeaseKeeper keeper = settings.holdLock("rehearsal-" + executionId)) {
            interrupts.absorb();
            ChainState state = ChainState.read(settings.store().history(), settings.chain());
            ChainWriter writer = new ChainWriter(settings.store(), keeper, state, interrupts);
            boolean hasRecords = state.latestOf(change.id()).isPresent();
            Events events = new Events(List.of(), settings.chain(), executionId, settings.clock());
            StepOutcome outcome = action.apply(new Attempt(
                    new ChangeAttempt(change, writer, settings.drafts(executionId), settings, events), hasRecords));
            if (outcome.error() != null) {
                RunReport report = new RunReport(
                        settings.chain(),
                        executionId,
                        List.of(outcome.result()),
                        state.tipSeq(),
                        startedAt,
                        Duration.between(startedAt, settings.clock().instant()),
                        true);
                throw new ChangeFailedException(
                        change.id(),
                        outcome.failure() + ". See the audit log at seq " + state.tipSeq() + " of chain '"
                                + settings.chain() + "'.",
                        outcome.error(),
                        report);
            }
            return outcome.result();
        } finally {
            interrupts.restore();
        }
    }

    /** A change's attempt, and whether the chain held records of the change before it. */
    private record Attempt(ChangeAttempt attempt, boolean hasRecords) {
        AttemptOutcome run(boolean rerun, int position, int total) {
            return attempt.run(rerun, position, total);
        }

        ChangeAttempt.RollbackOutcome rollBackAlone(Optional<Object> appliedBy) {
            return attempt.rollBackAlone(appliedBy);
        }
    }

    private ChangeDefinition find(String changeId) {
        return changes.changes().stream()
                .filter(c -> c.id().equals(changeId))
                .findFirst()
                .orElseThrow(() -> new UnknownChangeException("No change unit has the id '" + changeId + "'. The "
                        + "change units of this rehearsal: "
                        + changes.changes().stream().map(ChangeDefinition::id).collect(Collectors.joining(", "))
                        + ". Ids are case-sensitive."));
    }
}
