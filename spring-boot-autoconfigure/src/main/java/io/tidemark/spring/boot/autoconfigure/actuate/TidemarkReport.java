package io.tidemark.spring.boot.autoconfigure.actuate;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What {@code /actuator/tidemark} answers: the chain as a run started now would see it. Nothing in it
 * is secret: the store is described by its adapter's {@code describe()}, which shows no password,
 * key or token.
 *
 * @param chain      the audit chain
 * @param store      the store, as its adapter describes it
 * @param tipSeq     the chain's highest sequence (0 for an empty chain)
 * @param tipHash    the hash of that record
 * @param upToDate   whether a run would apply nothing
 * @param applied    how many of the application's change units are applied
 * @param pending    the change units a run would not skip, in order (to run, issues, blocked)
 * @param issues     the changes left unfinished that stop every run until an operator decides
 * @param running    the changes being applied right now: {@code STARTED} by the instance that holds a live
 *                   lease on the chain (no issue while that lease lives; see
 *                   {@link io.tidemark.core.PendingIssue#isBeingAppliedUnder})
 * @param lock       the chain's lock as stored, or null when nobody holds it
 */
public record TidemarkReport(
        String chain,
        String store,
        long tipSeq,
        String tipHash,
        boolean upToDate,
        int applied,
        List<PendingChange> pending,
        List<Issue> issues,
        List<Running> running,
        LockHolder lock) {

    /**
     * Copies the lists.
     *
     * @param chain    the audit chain
     * @param store    the store, as its adapter describes it
     * @param tipSeq   the chain's highest sequence
     * @param tipHash  the hash of that record
     * @param upToDate whether a run would apply nothing
     * @param applied  how many change units are applied
     * @param pending  the change units a run would not skip
     * @param issues   the unfinished changes
     * @param running  the changes being applied right now
     * @param lock     the lock, or null
     */
    public TidemarkReport {
        Objects.requireNonNull(chain, "chain");
        pending = List.copyOf(pending);
        issues = List.copyOf(issues);
        running = List.copyOf(running);
    }

    /**
     * A change unit a run would not skip.
     *
     * @param changeId the change
     * @param order    its order
     * @param action   {@code RUN}, {@code ISSUE} or {@code BLOCKED}
     * @param detail   one line saying why
     */
    public record PendingChange(String changeId, String order, String action, String detail) {}

    /**
     * A change being applied right now.
     *
     * @param changeId   the change
     * @param seq        the sequence of its {@code STARTED} record
     * @param instanceId the instance applying it, which holds the chain's lock
     * @param startedAt  when it started, by that instance's clock
     */
    public record Running(String changeId, long seq, String instanceId, Instant startedAt) {}

    /**
     * A change left unfinished, with the commands that resolve it.
     *
     * @param changeId      the change
     * @param state         its latest record's state ({@code STARTED}, {@code FAILED}, {@code ROLLBACK_FAILED})
     * @param seq           that record's sequence
     * @param description   what happened and how to resolve it
     * @param resolveApplied the operator command declaring it applied
     * @param resolveRolledBack the operator command declaring it undone, so that it runs again
     */
    public record Issue(
            String changeId,
            String state,
            long seq,
            String description,
            String resolveApplied,
            String resolveRolledBack) {}

    /**
     * The holder of the chain's lock as stored.
     *
     * @param owner     the instance holding it
     * @param expiresAt when its lease expires (an expired lease is free to take)
     */
    public record LockHolder(String owner, Instant expiresAt) {}
}
