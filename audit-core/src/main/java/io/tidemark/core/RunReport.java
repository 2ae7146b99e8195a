package io.tidemark.core;

import io.tidemark.core.internal.engine.AlreadyAppliedResults;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What one run of the engine did, change by change, in order.
 *
 * @param chain        the audit chain
 * @param executionId  the run's identity, also written in every record it appended
 * @param changes      one result per known change, in order
 * @param tipSeq       the chain's highest sequence when the run ended (0 for an empty chain)
 * @param startedAt    when the run started
 * @param duration     how long it took in total, lock wait included
 * @param lockAcquired whether the run had to take the lock (false when it found nothing to do)
 */
public record RunReport(
        String chain,
        String executionId,
        List<ChangeResult> changes,
        long tipSeq,
        Instant startedAt,
        Duration duration,
        boolean lockAcquired) {

    /**
     * Checks that the fields are set and copies the list of changes (the list of a run that found
     * nothing to do, which the engine makes unmodifiable and fills on the first read, is kept as it is,
     * so that an idle start costs the same whatever the number of change units).
     *
     * @param chain        the audit chain
     * @param executionId  the run's identity, also written in every record it appended
     * @param changes      one result per known change, in order
     * @param tipSeq       the chain's highest sequence when the run ended (0 for an empty chain)
     * @param startedAt    when the run started
     * @param duration     how long it took in total, lock wait included
     * @param lockAcquired whether the run had to take the lock (false when it found nothing to do)
     */
    public RunReport {
        Objects.requireNonNull(chain, "chain");
        Objects.requireNonNull(executionId, "executionId");
        changes = changes instanceof AlreadyAppliedResults ? changes : List.copyOf(changes);
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(duration, "duration");
    }

    /** {@return the changes this run applied, in order} */
    public List<ChangeResult> applied() {
        return allAlreadyApplied() ? List.of() : withOutcome(ChangeOutcome.APPLIED);
    }

    /** {@return the changes skipped because they were applied before} */
    public List<ChangeResult> skipped() {
        return allAlreadyApplied() ? changes : withOutcome(ChangeOutcome.ALREADY_APPLIED);
    }

    /** {@return the change that failed in this run, if one did (a run stops at its first failure)} */
    public Optional<ChangeResult> failed() {
        if (allAlreadyApplied()) {
            return Optional.empty();
        }
        return changes.stream()
                .filter(c -> c.outcome() == ChangeOutcome.FAILED
                        || c.outcome() == ChangeOutcome.ROLLED_BACK
                        || c.outcome() == ChangeOutcome.ROLLBACK_FAILED)
                .findFirst();
    }

    /** {@return the changes left unfinished earlier that stopped this run} */
    public List<ChangeResult> issues() {
        return allAlreadyApplied() ? List.of() : withOutcome(ChangeOutcome.ISSUE);
    }

    /** {@return whether every change was already applied and the run did nothing} */
    public boolean nothingToDo() {
        return allAlreadyApplied() || changes.stream().allMatch(c -> c.outcome() == ChangeOutcome.ALREADY_APPLIED);
    }

    /** {@return whether every change is applied after this run} */
    public boolean isComplete() {
        return allAlreadyApplied() || changes.stream().allMatch(c -> c.outcome().isDone());
    }

    /** Whether the list is the engine's for a run with nothing to do: known without reading it. */
    private boolean allAlreadyApplied() {
        return changes instanceof AlreadyAppliedResults;
    }

    private List<ChangeResult> withOutcome(ChangeOutcome outcome) {
        return changes.stream().filter(c -> c.outcome() == outcome).toList();
    }

    /** {@return a few lines for a person: counts, then one line per change that was not skipped} */
    public String summary() {
        StringBuilder text = new StringBuilder();
        text.append(String.format(
                "Tidemark run %s on chain '%s': %d applied, %d already applied",
                executionId, chain, applied().size(), skipped().size()));
        failed().ifPresent(f -> text.append(", failed: ").append(f.changeId()));
        if (!issues().isEmpty()) {
            text.append(", ").append(issues().size()).append(" issue(s)");
        }
        text.append(String.format(
                " (tip seq %d, %d ms%s)", tipSeq, duration.toMillis(), lockAcquired ? "" : ", no lock needed"));
        for (ChangeResult change : allAlreadyApplied() ? List.<ChangeResult>of() : changes) {
            if (change.outcome() != ChangeOutcome.ALREADY_APPLIED) {
                text.append(System.lineSeparator())
                        .append(String.format(
                                "  %-16s %-10s %-40s %6d ms%s",
                                change.outcome(),
                                change.order(),
                                change.changeId(),
                                change.duration().toMillis(),
                                change.detail().isEmpty() ? "" : "  " + change.detail()));
            }
        }
        return text.toString();
    }
}
