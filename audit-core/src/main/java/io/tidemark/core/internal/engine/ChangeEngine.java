package io.tidemark.core.internal.engine;

import io.tidemark.core.ChangeOutcome;
import io.tidemark.core.ChangeResult;
import io.tidemark.core.PendingIssue;
import io.tidemark.core.RunReport;
import io.tidemark.core.error.ChangeFailedException;
import io.tidemark.core.error.IssuesPendingException;
import io.tidemark.core.error.RunInterruptedException;
import io.tidemark.core.event.MdcKeys;
import io.tidemark.core.event.TidemarkListener;
import io.tidemark.core.internal.loading.ChangeDefinition;
import io.tidemark.core.internal.loading.ChangeSet;
import io.tidemark.core.internal.loading.ChangeUnits;
import io.tidemark.core.internal.lock.LeaseKeeper;
import io.tidemark.spi.AuditRecord;
import io.tidemark.spi.ExecutionHistory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a change set against an audit chain, exactly once per change however many instances run
 * at the same time:
 *
 * <ol>
 *   <li>read the tip; a checkpoint at the tip with this change set's digest means nothing to do,
 *       without reading the history; otherwise read the history and plan;</li>
 *   <li>nothing to do: return the report without taking the lock or initialising the store, so that
 *       an idle start costs one read;</li>
 *   <li>initialise the store (once per store instance), then take the lock, waiting with backoff
 *       up to the policy's timeout;</li>
 *   <li>read the tip again: a matching checkpoint means the instance this one waited for did
 *       everything (done, one read); otherwise read what was appended after the records step 1
 *       read, and plan again. This read is made even when the tip has not moved: a store whose tip
 *       lookup can stop early at a deleted record (Couchbase probes keys) still returns every record
 *       from its stream, and planning on an incomplete history could run a change again;</li>
 *   <li>for each change in order, per {@link Decision}: append {@code STARTED}, invoke it, append
 *       {@code APPLIED}; on failure append {@code FAILED}, run its rollback and append the outcome,
 *       then stop with {@link ChangeFailedException}; stop before an issue with
 *       {@link IssuesPendingException} (when a change failed and a later one is an issue, the
 *       {@code ChangeFailedException} is thrown, naming the issues too, with the
 *       {@code IssuesPendingException} suppressed in it);</li>
 *   <li>write only under a valid lease, kept alive in the background;</li>
 *   <li>after applying something with every change done, append a checkpoint; release the lock.</li>
 * </ol>
 */
public final class ChangeEngine {

    private static final Logger log = LoggerFactory.getLogger(ChangeEngine.class);

    private final ChainSettings settings;
    private final ChangeUnits units;
    private final List<TidemarkListener> listeners;

    /** An engine running {@code changes} on the chain {@code settings} name. */
    public ChangeEngine(ChainSettings settings, ChangeSet changes) {
        this(settings, changes, List.of());
    }

    /** An engine running {@code changes} on the chain {@code settings} name, telling {@code listeners} what it does. */
    public ChangeEngine(ChainSettings settings, ChangeSet changes, List<TidemarkListener> listeners) {
        this(settings, ChangeUnits.of(changes), listeners);
    }

    /**
     * An engine running {@code units} on the chain {@code settings} name, telling {@code listeners} what it
     * does. Change units known from a build-time index are loaded only when the tip is not a checkpoint
     * of their digest: an idle start loads no change-unit class.
     */
    public ChangeEngine(ChainSettings settings, ChangeUnits units, List<TidemarkListener> listeners) {
        this.settings = settings;
        this.units = units;
        this.listeners = List.copyOf(listeners);
    }

    /** The loaded and validated change units (loading them now if only their index was read). */
    private ChangeSet changes() {
        return units.loaded();
    }

    /**
     * Runs every pending change; see the class description. The listeners receive the run's events on
     * this thread ({@link Events}), from {@code RunStarted} to {@code RunFinished} or {@code RunFailed};
     * the run's execution id and chain are in the MDC meanwhile ({@link MdcKeys}).
     */
    public RunReport run() {
        return Events.aroundRun(listeners, settings, units.size(), this::run);
    }

    private RunReport run(Events events) {
        if (Thread.currentThread().isInterrupted()) {
            throw new RunInterruptedException("Tidemark did not start on chain '" + settings.chain() + "': the thread "
                    + "calling run() was already interrupted. Nothing was read or written; the interrupt flag is left "
                    + "set. Clear it (or find who interrupted the thread) and run again.");
        }
        String executionId = events.executionId();
        Instant startedAt = settings.clock().instant();
        RecordDrafts drafts = settings.drafts(executionId);
        ExecutionHistory history = settings.store().history();
        Optional<AuditRecord> tip = history.tip(settings.chain());
        if (tip.isPresent() && Planner.isCheckpointOf(tip.get(), units.digest())) {
            log.debug("Chain '{}' ends with a checkpoint of this change set", settings.chain());
            return nothingToDo(executionId, startedAt, tip.get().seq(), false);
        }
        Planner planner = new Planner(settings.chain(), changes());
        ChainState state =
                tip.isEmpty() ? ChainState.empty(settings.chain()) : ChainState.read(history, settings.chain());
        if (planner.plan(state).upToDate()) {
            return nothingToDo(executionId, startedAt, state.tipSeq(), false);
        }
        settings.store().initialize();
        InterruptFlag interrupts = new InterruptFlag();
        try (LeaseKeeper keeper = settings.holdLock(executionId, events)) {
            interrupts.absorb();
            Optional<AuditRecord> tipNow = history.tip(settings.chain());
            if (tipNow.isPresent() && planner.isCurrentCheckpoint(tipNow.get())) {
                log.debug("Chain '{}' was completed by the instance this one waited for", settings.chain());
                return nothingToDo(executionId, startedAt, tipNow.get().seq(), true);
            }
            state.catchUp(history);
            events.countIssuesWith(() -> pendingIssues(state));
            return execute(new ChainWriter(settings.store(), keeper, state, interrupts), drafts, events, startedAt);
        } finally {
            interrupts.restore();
        }
    }

    private RunReport execute(ChainWriter writer, RecordDrafts drafts, Events events, Instant startedAt) {
        String executionId = events.executionId();
        List<ChangeResult> results = new ArrayList<>();
        List<PendingIssue> issues = new ArrayList<>();
        AttemptOutcome.Failed failure = null;
        Interruption interrupted = null;
        String lastRun = null;
        int total = prepareAppends(writer);
        int position = 0;
        for (ChangeDefinition change : changes().changes()) {
            Optional<AuditRecord> latest = writer.state().latestOf(change.id());
            Decision decision = Decision.of(latest, change.recovery());
            if (decision == Decision.SKIP) {
                results.add(notRun(change, ChangeOutcome.ALREADY_APPLIED, ""));
            } else if (decision == Decision.ISSUE) {
                PendingIssue issue = new PendingIssue(change.id(), latest.orElseThrow());
                issues.add(issue);
                events.issueFound(issue);
                results.add(notRun(change, ChangeOutcome.ISSUE, issue.describe()));
            } else if (failure != null || !issues.isEmpty() || interrupted != null) {
                results.add(notRun(change, ChangeOutcome.NOT_REACHED, "the run stopped earlier"));
            } else if (writer.interrupts().seen()) {
                interrupted = new Interruption(lastRun, change.id());
                results.add(notRun(change, ChangeOutcome.NOT_REACHED, "the run was interrupted"));
            } else {
                AttemptOutcome outcome = new ChangeAttempt(change, writer, drafts, settings, events)
                        .run(latest.isPresent(), ++position, total);
                results.add(outcome.result());
                if (outcome instanceof AttemptOutcome.Failed failed) {
                    failure = failed;
                }
                lastRun = change.id();
            }
        }
        if (issues.isEmpty()
                && failure == null
                && interrupted == null
                && results.stream().anyMatch(r -> r.outcome() == ChangeOutcome.APPLIED)) {
            AuditRecord checkpoint = writer.append(drafts.checkpoint(changes()));
            events.checkpointWritten(checkpoint.seq(), changes().digest());
        }
        RunReport report =
                report(executionId, startedAt, results, writer.state().tipSeq(), true);
        if (failure != null && !issues.isEmpty()) {
            throw failedWithIssues(failure, issues, report, writer);
        }
        if (!issues.isEmpty()) {
            throw new IssuesPendingException(issues, report);
        }
        if (failure == null && interrupted != null) {
            throw new RunInterruptedException(
                    "The run on chain '" + settings.chain() + "' was interrupted "
                            + (interrupted.during() == null
                                    ? "before its first change"
                                    : "while change '" + interrupted.during()
                                            + "' ran (by another thread, or the change left "
                                            + "its thread's interrupt flag set); that change's outcome was recorded")
                            + ", and the run stopped before change '" + interrupted.next()
                            + "'. The lock was released and "
                            + "the thread's interrupt flag is set again. Run again to continue.",
                    report);
        }
        if (failure != null) {
            throw new ChangeFailedException(
                    failure.result().changeId(), failureMessage(failure, writer), failure.error(), report);
        }
        log.info("{}", report.summary());
        return report;
    }

    private String failureMessage(AttemptOutcome.Failed failure, ChainWriter writer) {
        ChangeResult failed = failure.result();
        return "Change '" + failed.changeId() + "' failed (" + failed.outcome() + "): " + failed.detail()
                + ". See the audit log at seq " + writer.state().tipSeq() + " of chain '" + settings.chain() + "'.";
    }

    /**
     * A change failed in this run, and a later change is an issue left by an earlier run: the failure
     * is what the caller must see first (its cause is the change's own error), and the issues are
     * named in its message and kept, as an {@link IssuesPendingException}, among its suppressed
     * exceptions. The report lists both.
     */
    private ChangeFailedException failedWithIssues(
            AttemptOutcome.Failed failure, List<PendingIssue> issues, RunReport report, ChainWriter writer) {
        IssuesPendingException pending = new IssuesPendingException(issues, report);
        ChangeFailedException failed = new ChangeFailedException(
                failure.result().changeId(),
                failureMessage(failure, writer) + " The run would also have stopped before " + issues.size()
                        + " unfinished change(s) left by an earlier run: "
                        + String.join(
                                ", ",
                                issues.stream().map(PendingIssue::changeId).toList())
                        + " (see the suppressed IssuesPendingException, or `tidemark issues`).",
                failure.error(),
                report);
        failed.addSuppressed(pending);
        return failed;
    }

    /**
     * Tells the store how far this run may append: each change to run writes {@code STARTED} and
     * {@code APPLIED}, or {@code STARTED}, {@code FAILED} and its rollback's record (after which the
     * run stops), and a run that applied something ends with a checkpoint.
     *
     * @return how many changes the run sets out to run
     */
    private int prepareAppends(ChainWriter writer) {
        long toRun = changes().changes().stream()
                .filter(c -> Decision.of(writer.state().latestOf(c.id()), c.recovery()) == Decision.RUN)
                .count();
        if (toRun > 0) {
            writer.prepareAppends(writer.state().tipSeq() + 2 * toRun + 2);
        }
        return (int) toRun;
    }

    /** How many changes need an operator's decision on the chain as {@code state} knows it. */
    private int pendingIssues(ChainState state) {
        return (int) changes().changes().stream()
                .filter(c -> Decision.of(state.latestOf(c.id()), c.recovery()) == Decision.ISSUE)
                .count();
    }

    /** An interrupt noticed between changes: during which change (null: before the first), and the next one. */
    private record Interruption(String during, String next) {}

    private RunReport nothingToDo(String executionId, Instant startedAt, long tipSeq, boolean lockAcquired) {
        List<ChangeResult> results = new AlreadyAppliedResults(units);
        RunReport report = report(executionId, startedAt, results, tipSeq, lockAcquired);
        log.info(
                "Tidemark: all {} changes already applied on chain '{}' ({} ms)",
                results.size(),
                settings.chain(),
                report.duration().toMillis());
        return report;
    }

    private static ChangeResult notRun(ChangeDefinition change, ChangeOutcome outcome, String detail) {
        return new ChangeResult(change.id(), change.order(), outcome, Duration.ZERO, detail);
    }

    private RunReport report(
            String executionId, Instant startedAt, List<ChangeResult> results, long tipSeq, boolean lockAcquired) {
        return new RunReport(
                settings.chain(),
                executionId,
                results,
                tipSeq,
                startedAt,
                Duration.between(startedAt, settings.clock().instant()),
                lockAcquired);
    }
}
